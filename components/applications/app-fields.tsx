"use client";

import { useId } from "react";
import { Controller, useFormContext, useFormState, useWatch } from "react-hook-form";
import { ScopePicker } from "@/components/keys/scope-picker";
import { RedirectUrisEditor } from "@/components/oauth-clients/redirect-uris-editor";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FieldsetError, FormField, useFieldError } from "@/components/ui/form";
import { needsJustification, type AppFormValues } from "./app-form";

// The app's fields in three groups (the wizard's steps, the Overview form's sections), bound to the
// surrounding Form. Names are the API's, so a server error lands on its field.

export const categories = [
  { value: "claims", label: "Claims" },
  { value: "policies", label: "Policies" },
  { value: "leads", label: "Leads and quoting" },
  { value: "communications", label: "Communications" },
  { value: "analytics", label: "Analytics and reporting" },
  { value: "other", label: "Other" },
];

export function BasicsFields() {
  const { register, control } = useFormContext<AppFormValues>();
  const category = useWatch({ control, name: "category" });
  const known = categories.some((c) => c.value === category);
  return (
    <div className="grid gap-4">
      <FormField name="name" label="Name" hint="Shown to customers in the marketplace and on the consent screen.">
        <Input {...register("name")} maxLength={100} autoComplete="off" />
      </FormField>
      <FormField name="description" label="Description" hint="What the app does and for whom; reviewers look for 100 characters or more.">
        <Textarea {...register("description")} rows={4} maxLength={10_000} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="category" label="Category">
          <Select {...register("category")}>
            <option value="">No category</option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
            {category && !known && <option value={category}>{category}</option>}
          </Select>
        </FormField>
        <FormField name="websiteUrl" label="Website">
          <Input {...register("websiteUrl")} type="url" placeholder="https://example.com" autoComplete="url" />
        </FormField>
        <FormField name="logoUrl" label="Logo URL" hint="A square image served over https.">
          <Input {...register("logoUrl")} type="url" placeholder="https://example.com/logo.png" />
        </FormField>
        <FormField name="privacyPolicyUrl" label="Privacy policy URL" hint="Required for review: a public https page.">
          <Input {...register("privacyPolicyUrl")} type="url" placeholder="https://example.com/privacy" />
        </FormField>
        <FormField name="supportEmail" label="Support email" hint="Customers and reviewers reach you here.">
          <Input {...register("supportEmail")} type="email" placeholder="support@example.com" autoComplete="email" />
        </FormField>
      </div>
    </div>
  );
}

/** Requested scopes (limited to what apps of the partner's tier may ask for), a justification per write/manage scope, redirect URIs. */
export function AccessFields({ allowedScopes, tier }: { allowedScopes: readonly string[]; tier: string }) {
  const { control, register } = useFormContext<AppFormValues>();
  const scopes = useWatch({ control, name: "requestedScopes" });
  const justified = scopes.filter(needsJustification);
  const justificationsId = useId();
  const justificationsError = useFieldError("scopeJustifications");
  const { errors } = useFormState({ control, name: "scopeJustifications" });
  return (
    <div className="grid gap-5">
      <div>
        <Controller
          control={control}
          name="requestedScopes"
          render={({ field, fieldState }) => (
            <ScopePicker value={field.value} onChange={field.onChange} grantedScopes={allowedScopes} error={fieldState.error?.message} inputRef={field.ref} />
          )}
        />
        <p className="mt-1 text-xs text-slate-600">
          Installers grant these scopes to the app. Apps of {tier} partners may request {allowedScopes.join(", ")}.
        </p>
      </div>
      {justified.length > 0 && (
        <fieldset className="text-sm" aria-describedby={justificationsError ? `${justificationsId}-error` : `${justificationsId}-hint`}>
          <legend className="mb-1 block font-medium text-slate-800">Why the app needs write access</legend>
          <span id={`${justificationsId}-hint`} className="mb-2 block text-xs text-slate-600">
            Reviewers read these before approving: at least 20 characters for each write or manage scope.
          </span>
          <div className="grid gap-3">
            {justified.map((scope) => {
              const error = (errors.scopeJustifications as Record<string, { message?: string }> | undefined)?.[scope]?.message;
              return (
                <Field key={scope} label={scope} error={error}>
                  <Textarea {...register(`scopeJustifications.${scope}`)} rows={2} maxLength={1000} placeholder={`What the app does with ${scope}`} />
                </Field>
              );
            })}
          </div>
          <FieldsetError id={`${justificationsId}-error`} message={justificationsError} />
        </fieldset>
      )}
      <RedirectUrisEditor />
    </div>
  );
}

export function EndpointsFields() {
  const { register } = useFormContext<AppFormValues>();
  return (
    <div className="grid gap-4">
      <FormField name="webhookUrl" label="Webhook URL" hint="Where Portico sends the app's events, signed with the app's signing secret. Optional.">
        <Input {...register("webhookUrl")} type="url" placeholder="https://app.example.com/webhooks/portico" className="font-mono text-xs" />
      </FormField>
      <FormField
        name="healthCheckUrl"
        label="Health-check URL"
        hint="Answers 2xx when the app is up: probed after submit and every 5 minutes for installs. Optional."
      >
        <Input {...register("healthCheckUrl")} type="url" placeholder="https://app.example.com/health" className="font-mono text-xs" />
      </FormField>
    </div>
  );
}
