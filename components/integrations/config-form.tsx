"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useFormContext } from "react-hook-form";
import { ApiError, apiFetch } from "@/components/api/api-fetch";
import { applyFieldErrors, SERVER_ERROR, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Form, FormErrorState, FormField, useFieldError } from "@/components/ui/form";
import { Badge } from "@/components/ui/badge";
import { configFields, configFormSchema, configFormValues, configPayload, toFormErrors, type ConfigField, type ConfigFormValues } from "./config-schema";
import { integrationKey } from "./queries";
import type { Integration } from "./types";

/**
 * The integration's settings, as a form generated from the app's config schema. Secrets are
 * write-only: the page says whether one is set, and a blank box keeps it. Read-only for members.
 */
export function ConfigForm({
  integration,
  configSchema,
  readOnlyReason,
}: {
  integration: Integration;
  configSchema: Record<string, unknown> | null;
  /** Why the viewer cannot change it (a member, a disconnected install); undefined when they can. */
  readOnlyReason?: string;
}) {
  const qc = useQueryClient();
  const fields = useMemo(() => configFields(configSchema), [configSchema]);
  const secretsSet = useMemo(() => integration.secretFields.filter((f) => f.set).map((f) => f.name), [integration.secretFields]);
  const schema = useMemo(() => configFormSchema(fields, secretsSet), [fields, secretsSet]);
  const form = useApiForm(schema, { defaultValues: configFormValues(fields, integration.config) });
  const save = useMutation({
    mutationFn: (config: Record<string, unknown>) => apiFetch<Integration>(`/integrations/${integration.id}`, { method: "PATCH", body: { config } }),
    meta: { success: "Settings saved", error: false },
    onSuccess: (saved) => {
      // The form starts again from what was stored; secrets typed in now read "Set", their boxes empty again.
      form.reset(configFormValues(fields, saved.config));
      qc.setQueryData([...integrationKey(integration.id), "item"], saved);
    },
    onError: (e) => {
      const errors = e instanceof ApiError ? toFormErrors(fields, e.errors) : [];
      const unplaced = applyFieldErrors(form, errors) || errors.length === 0;
      if (unplaced) form.setError(SERVER_ERROR, { type: e instanceof ApiError ? e.code : "network", message: e.message });
    },
  });

  if (fields.length === 0) {
    return (
      <Card title="Settings">
        <p className="text-sm text-slate-600">This app has no settings to configure here.</p>
      </Card>
    );
  }

  const readOnly = !!readOnlyReason;
  return (
    <Form form={form} onSubmit={() => save.mutate(configPayload(fields, form.getValues() as ConfigFormValues, integration.config))} aria-label="Settings">
      <Card title="Settings">
        {readOnly && (
          <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="config-read-only">
            {readOnlyReason}
          </p>
        )}
        <fieldset disabled={readOnly || save.isPending} className="grid min-w-0 gap-5 sm:grid-cols-2">
          <legend className="sr-only">Settings of {integration.application.name}</legend>
          {fields.map((f) => (
            <div key={f.key} className={f.kind === "boolean" ? "sm:col-span-2" : undefined}>
              <ConfigControl field={f} secretSet={secretsSet === null ? null : secretsSet.includes(f.name)} />
            </div>
          ))}
        </fieldset>
        <div className="mt-5">
          <FormErrorState error={save.error} />
        </div>
        {!readOnly && (
          <div className="mt-6 flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4">
            <Button variant="secondary" onClick={() => form.reset()} disabled={!form.formState.isDirty || save.isPending}>
              Discard changes
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save settings"}
            </Button>
          </div>
        )}
      </Card>
    </Form>
  );
}

function hintFor(f: ConfigField, secretSet: boolean | null): string | undefined {
  const parts: string[] = [];
  if (f.description) parts.push(f.description);
  // Whether a secret is stored is said here as well as on the badge: the hint is the control's description.
  if (f.secret) parts.push(secretSet === true ? "Set: leave blank to keep it." : secretSet === false ? "Not set." : "Leave blank to keep any stored value.");
  else if (f.format === "uri") parts.push("A full URL, e.g. https://example.com.");
  if (!f.required && f.kind !== "boolean" && !f.secret) parts.push("Optional.");
  return parts.join(" ") || undefined;
}

function ConfigControl({ field: f, secretSet }: { field: ConfigField; secretSet: boolean | null }) {
  const name = `fields.${f.key}` as const;
  const error = useFieldError(name);
  if (f.kind === "boolean") return <BooleanControl field={f} error={error} />;
  const label = f.required ? `${f.label} (required)` : f.label;
  return (
    <div>
      <FormField name={name} label={label} hint={hintFor(f, secretSet)}>
        <ControlFor field={f} secretSet={secretSet} />
      </FormField>
      {f.secret && (
        <p aria-hidden className="mt-1 text-xs" data-testid={`secret-state-${f.name}`}>
          {secretSet !== null && <Badge tone={secretSet ? "green" : "gray"}>{secretSet ? "Set" : "Not set"}</Badge>}
        </p>
      )}
    </div>
  );
}

function ControlFor({ field: f, secretSet }: { field: ConfigField; secretSet: boolean | null }) {
  const { register } = useFormCtx();
  const reg = register(`fields.${f.key}`);
  if (f.kind === "enum") {
    return (
      <Select {...reg}>
        {(!f.required || f.default === undefined) && <option value="">{f.required ? "Choose one" : "None"}</option>}
        {f.options!.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </Select>
    );
  }
  if (f.secret) {
    return <Input {...reg} type="password" autoComplete="new-password" placeholder={secretSet ? "••••••••  (unchanged)" : ""} />;
  }
  if (f.kind === "number" || f.kind === "integer") return <Input {...reg} inputMode={f.kind === "integer" ? "numeric" : "decimal"} autoComplete="off" />;
  const type = f.format === "uri" ? "url" : f.format === "email" ? "email" : "text";
  return <Input {...reg} type={type} inputMode={type === "text" ? undefined : type} autoComplete="off" spellCheck={false} />;
}

function BooleanControl({ field: f, error }: { field: ConfigField; error?: string }) {
  const { register } = useFormCtx();
  const id = `config-${f.key}`;
  return (
    <div className="text-sm">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          {...register(`fields.${f.key}`)}
          aria-describedby={f.description || error ? `${id}-hint` : undefined}
          aria-invalid={error ? true : undefined}
          className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
        />
        <label htmlFor={id} className="font-medium text-slate-800">
          {f.label}
        </label>
      </div>
      {(f.description || error) && (
        <p id={`${id}-hint`} className={`ml-6 mt-1 text-xs ${error ? "text-red-700" : "text-slate-600"}`}>
          {error ?? f.description}
        </p>
      )}
    </div>
  );
}

// The form's own register, typed for its values.
const useFormCtx = () => useFormContext<ConfigFormValues>();
