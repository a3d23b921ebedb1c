"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { ScopePicker } from "@/components/keys/scope-picker";
import { Button } from "@/components/ui/button";
import { Dialog, secretCloseGuard } from "@/components/ui/confirm-dialog";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Field, Input } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { ClientReveal } from "./client-reveal";
import { fieldErrors } from "./field-errors";
import { cleanUris, RedirectUrisEditor } from "./redirect-uris-editor";
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

export function CreateClientDialog({
  grantedScopes,
  onClose,
  onCreated,
}: {
  grantedScopes: readonly string[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const [type, setType] = useState<OAuthClientType>("confidential");
  const [uris, setUris] = useState<string[]>([""]);
  const [grants, setGrants] = useState<OAuthGrantType[]>(["authorization_code", "refresh_token"]);
  const [scopes, setScopes] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<CreatedOAuthClient>("/oauth-clients", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (c: CreatedOAuthClient) => `OAuth client “${c.name}” created`, error: false },
    onSuccess: onCreated,
  });
  const errors = fieldErrors(create.error, ["name", "type", "redirectUris", "grantTypes", "scopes"]);

  if (create.data) {
    return (
      <Dialog open onClose={onClose} title="OAuth client created" closeGuard={create.data.clientSecret && !copied ? secretCloseGuard : null}>
        <ClientReveal created={create.data} onDone={onClose} onCopied={() => setCopied(true)} />
      </Dialog>
    );
  }

  const chooseType = (t: OAuthClientType) => {
    setType(t);
    if (t === "public") setGrants((g) => g.filter((x) => x !== "client_credentials"));
  };
  const toggleGrant = (g: OAuthGrantType, on: boolean) => setGrants((cur) => (on ? [...cur, g] : cur.filter((x) => x !== g)));
  const grantsError = errors.field("grantTypes") ?? (touched && grants.length === 0 ? "Choose at least one grant type." : undefined);
  const scopesError = errors.field("scopes") ?? (touched && scopes.length === 0 ? "Choose at least one scope." : undefined);

  return (
    <Dialog open onClose={onClose} title="Create OAuth client" size="lg">
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (grants.length === 0 || scopes.length === 0) return;
          // Blank rows are dropped so that `redirectUris.N` in an error points at input N.
          const redirectUris = cleanUris(uris);
          setUris(redirectUris.length ? redirectUris : [""]);
          const f = new FormData(e.currentTarget);
          create.mutate({ name: String(f.get("name")).trim(), type, redirectUris, grantTypes: grants, scopes });
        }}
      >
        <Field label="Name" hint="Shown to customers on the consent screen, e.g. “Acme Scheduling”." error={errors.field("name")}>
          <Input name="name" required maxLength={100} autoComplete="off" invalid={!!errors.field("name")} />
        </Field>
        <fieldset className="text-sm">
          <legend className="mb-1 block font-medium text-slate-800">Type</legend>
          <ChoiceCards name="type" choices={types} value={type} onChange={chooseType} />
          {errors.field("type") && <span className="mt-1 block text-xs text-red-700">{errors.field("type")}</span>}
        </fieldset>
        <RedirectUrisEditor
          value={uris}
          onChange={setUris}
          error={errors.exact("redirectUris")}
          errorAt={(i) => errors.field(`redirectUris.${i}`)}
        />
        <fieldset className="text-sm">
          <legend className="mb-1 block font-medium text-slate-800">Grant types</legend>
          <div className="grid gap-1.5">
            {grantTypes.map((g) => {
              const disabled = g.value === "client_credentials" && type === "public";
              return (
                <label key={g.value} className={`flex items-start gap-2 ${disabled ? "cursor-not-allowed opacity-50" : "cursor-pointer"}`}>
                  <input
                    type="checkbox"
                    checked={grants.includes(g.value)}
                    disabled={disabled}
                    onChange={(e) => toggleGrant(g.value, e.target.checked)}
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
          {grantsError && <span className="mt-1 block text-xs text-red-700">{grantsError}</span>}
        </fieldset>
        <ScopePicker value={scopes} onChange={setScopes} grantedScopes={grantedScopes} error={scopesError} />
        {errors.unplaced && <ErrorState error={create.error} />}
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create client"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
