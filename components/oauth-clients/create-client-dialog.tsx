"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type Ref } from "react";
import { Controller, useWatch } from "react-hook-form";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { ScopesField } from "@/components/keys/scope-picker";
import { Button } from "@/components/ui/button";
import { Dialog, secretCloseGuard } from "@/components/ui/confirm-dialog";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Input } from "@/components/ui/field";
import { FieldsetError, Form, FormErrorState, FormField } from "@/components/ui/form";
import { CreateOAuthClient } from "@/lib/oauth/schemas";
import { ClientReveal } from "./client-reveal";
import { alignRows, cleanUris, RedirectUriRows, redirectUriRows, RedirectUrisEditor } from "./redirect-uris-editor";
import type { CreatedOAuthClient, OAuthClientType, OAuthGrantType } from "./types";

const types: Array<{ value: OAuthClientType; label: string; detail: string }> = [
  { value: "confidential", label: "Confidential", detail: "Runs on your server and can keep a client secret." },
  { value: "public", label: "Public", detail: "Runs in a browser or on a device: no secret, PKCE only." },
];

export const grantTypes: Array<{ value: OAuthGrantType; label: string; detail: string }> = [
  { value: "authorization_code", label: "Authorization code + PKCE", detail: "Act for a customer who signs in and consents." },
  { value: "refresh_token", label: "Refresh token", detail: "Keep access without asking the customer again." },
  { value: "client_credentials", label: "Client credentials", detail: "Act as your partner account, no customer involved." },
];

/** The API's CreateOAuthClient, field by field, with the redirect URIs as the editor's rows (checked row by row). */
const CreateClientForm = z
  .object({
    name: CreateOAuthClient.shape.name,
    type: CreateOAuthClient.shape.type,
    redirectUris: RedirectUriRows,
    grantTypes: CreateOAuthClient.shape.grantTypes,
    scopes: CreateOAuthClient.shape.scopes,
  })
  .transform((v) => ({ ...v, redirectUris: cleanUris(v.redirectUris) }));

export function CreateClientDialog({
  grantedScopes,
  onClose,
  onCreated,
}: {
  grantedScopes: readonly string[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const ids = useId();
  const form = useApiForm(CreateClientForm, {
    defaultValues: { name: "", type: "confidential", redirectUris: redirectUriRows([]), grantTypes: ["authorization_code", "refresh_token"], scopes: [] },
  });
  const create = useMutation({
    mutationFn: (body: z.output<typeof CreateClientForm>) =>
      apiFetch<CreatedOAuthClient>("/oauth-clients", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (c: CreatedOAuthClient) => `OAuth client “${c.name}” created`, error: false },
    onSuccess: onCreated,
    onError: (e) => applyServerErrors(form, e),
  });
  const type = useWatch({ control: form.control, name: "type" });

  if (create.data) {
    return (
      <Dialog open onClose={onClose} title="OAuth client created" closeGuard={create.data.clientSecret && !copied ? secretCloseGuard : null}>
        <ClientReveal created={create.data} onDone={onClose} onCopied={() => setCopied(true)} />
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={onClose} title="Create OAuth client" size="lg">
      <Form
        form={form}
        onSubmit={(body) => {
          alignRows(form, body.redirectUris);
          create.mutate(body);
        }}
        className="grid gap-4"
      >
        <FormField name="name" label="Name" hint="Shown to customers on the consent screen, e.g. “Acme Scheduling”.">
          <Input {...form.register("name")} required maxLength={100} autoComplete="off" />
        </FormField>
        <Controller
          control={form.control}
          name="type"
          render={({ field, fieldState }) => (
            <fieldset className="text-sm" aria-describedby={fieldState.error ? `${ids}-type` : undefined}>
              <legend className="mb-1 block font-medium text-slate-800">Type</legend>
              <ChoiceCards
                name="type"
                choices={types}
                value={field.value}
                onChange={(t: OAuthClientType) => {
                  field.onChange(t);
                  if (t === "public") form.setValue("grantTypes", form.getValues("grantTypes").filter((x) => x !== "client_credentials"));
                }}
              />
              <FieldsetError id={`${ids}-type`} message={fieldState.error?.message} />
            </fieldset>
          )}
        />
        <RedirectUrisEditor />
        <Controller
          control={form.control}
          name="grantTypes"
          render={({ field, fieldState }) => (
            <GrantTypesFieldset
              value={field.value}
              onChange={field.onChange}
              type={type}
              error={fieldState.error?.message}
              inputRef={field.ref}
            />
          )}
        />
        <ScopesField grantedScopes={grantedScopes} />
        <FormErrorState error={create.error} />
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create client"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

function GrantTypesFieldset({
  value,
  onChange,
  type,
  error,
  inputRef,
}: {
  value: OAuthGrantType[];
  onChange: (grants: OAuthGrantType[]) => void;
  type: OAuthClientType;
  error?: string;
  inputRef: Ref<HTMLInputElement>;
}) {
  const errorId = useId();
  return (
    <fieldset className="text-sm" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 block font-medium text-slate-800">Grant types</legend>
      <div className="grid gap-1.5">
        {grantTypes.map((g, i) => {
          const disabled = g.value === "client_credentials" && type === "public";
          return (
            <label key={g.value} className={`flex items-start gap-2 ${disabled ? "cursor-not-allowed opacity-50" : "cursor-pointer"}`}>
              <input
                ref={i === 0 ? inputRef : undefined}
                type="checkbox"
                checked={value.includes(g.value)}
                disabled={disabled}
                onChange={(e) => onChange(e.target.checked ? [...value, g.value] : value.filter((x) => x !== g.value))}
                className="mt-0.5 size-4 accent-brand-600"
              />
              <span>
                <code className="font-mono text-xs text-slate-900">{g.value}</code>
                <span className="block text-xs text-slate-600">
                  {disabled ? "Needs a client secret, so confidential clients only." : `${g.label}: ${g.detail}`}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldsetError id={errorId} message={error} />
    </fieldset>
  );
}
