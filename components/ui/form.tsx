"use client";

import type { ComponentProps, ReactNode } from "react";
import { FormProvider, get, useFormState, type FieldValues, type SubmitHandler, type UseFormReturn } from "react-hook-form";
import { asSentence } from "@/components/forms/error-map";
import { Field } from "./field";
import { ErrorState } from "./states";

// The glue between react-hook-form (components/forms/use-api-form.ts) and the Field primitives:
//   const form = useApiForm(Schema, { defaultValues });
//   <Form form={form} onSubmit={(body) => mutation.mutate(body)}>
//     <FormField name="name" label="Name"><Input {...form.register("name")} /></FormField>
//     <FormErrorState error={mutation.error} />
//   </Form>
// The browser's own validation is off (noValidate): the schema's messages show under each field,
// and the first invalid field gets focus.

export function Form<TFieldValues extends FieldValues, TTransformed>({
  form,
  onSubmit,
  children,
  ...props
}: Omit<ComponentProps<"form">, "onSubmit"> & {
  form: UseFormReturn<TFieldValues, any, TTransformed>;
  onSubmit: SubmitHandler<TTransformed>;
}) {
  return (
    <FormProvider {...form}>
      <form
        noValidate
        {...props}
        onSubmit={(e) => void form.handleSubmit(onSubmit)(e)}
      >
        {children}
      </form>
    </FormProvider>
  );
}

/** The error of one field of the surrounding Form, as a sentence (a list's own error included). */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  const message = error?.message ?? error?.root?.message;
  return message ? asSentence(message) : undefined;
}

/** A Field whose error is the form's error for `name`. */
export function FormField({ name, label, hint, children }: { name: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <Field label={label} hint={hint} error={useFieldError(name)}>
      {children}
    </Field>
  );
}

/** The error text under a group of controls (a fieldset), with the id its `aria-describedby` points at. */
export function FieldsetError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} className="mt-1 block text-xs text-red-700">
      {asSentence(message)}
    </span>
  );
}

/** The failure no field could show (see applyServerErrors); `error` is the mutation's, for its request id. */
export function FormErrorState({ error }: { error: unknown }) {
  const { errors } = useFormState();
  const server = errors.root?.server;
  if (!server) return null;
  return <ErrorState error={error ?? server} />;
}
