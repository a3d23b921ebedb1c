"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldPath, type FieldValues, type UseFormProps, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { ApiError, type FieldError } from "@/components/api/api-fetch";
import { formErrorMap } from "./error-map";
import { formPaths, placeServerErrors } from "./server-errors";

/** The form-wide error (`errors.root.server`): set when a failure has no field to show it at. */
export const SERVER_ERROR = "root.server";

/**
 * `useForm` validated by a zod schema. The schema's input is the form's values (strings, booleans,
 * lists, as the controls hold them); its output is what `handleSubmit` hands over, normally the API's
 * own request schema at the end of a `.pipe()`, so the browser checks the same rules the server will.
 */
export function useApiForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    ...props,
    resolver: zodResolver(schema as never, { error: formErrorMap }) as never,
  });
}

type ErrorTarget<T extends FieldValues> = Pick<UseFormReturn<T, any, any>, "getValues" | "setError" | "setFocus">;

/**
 * After a failed mutation: each of the API's field errors (`ApiError.errors`) goes on its field, or the
 * field's nearest ancestor, and focus moves to the first. Returns true, and sets `root.server`, when the
 * failure has something no field can show (no field errors at all, a network error, a path the form
 * lacks): only then does the form show its generic error.
 */
export function applyServerErrors<T extends FieldValues>(form: ErrorTarget<T>, error: unknown): boolean {
  const fieldErrors = error instanceof ApiError ? error.errors : [];
  const unplaced = applyFieldErrors(form, fieldErrors) || fieldErrors.length === 0;
  if (unplaced) {
    const message = error instanceof Error ? error.message : String(error);
    form.setError(SERVER_ERROR, { type: error instanceof ApiError ? error.code : "network", message });
  }
  return unplaced;
}

/** Field errors from anywhere (an ApiError, a server action's answer) onto the form. Returns true when some had no field. */
export function applyFieldErrors<T extends FieldValues>(form: ErrorTarget<T>, errors: readonly FieldError[]): boolean {
  const paths = formPaths(form.getValues());
  const { placed, unplaced } = placeServerErrors(errors, paths);
  for (const p of placed) {
    // `types` keeps every message that landed here, by the path the server named (a JSON field lists them all).
    form.setError(p.name as FieldPath<T>, { type: "server", message: p.message, types: Object.fromEntries(p.errors.map((e) => [e.path, e.message])) });
  }
  focusFirst(form, placed.map((p) => p.name), paths);
  return unplaced.length > 0;
}

/** Focus the first of `names` that has a control, or else a control inside it (a field array row). */
function focusFirst<T extends FieldValues>(form: ErrorTarget<T>, names: string[], paths: ReadonlySet<string>) {
  if (typeof document === "undefined" || names.length === 0) return;
  // Blurred first, so that a field which already has focus (Enter pressed in it) still counts as found.
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  before?.blur();
  for (const name of names) {
    for (const candidate of [name, ...[...paths].filter((p) => p.startsWith(`${name}.`))]) {
      form.setFocus(candidate as FieldPath<T>);
      if (document.activeElement && document.activeElement !== document.body) return;
    }
  }
  before?.focus();
}
