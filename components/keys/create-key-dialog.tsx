"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Dialog, secretCloseGuard } from "@/components/ui/confirm-dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { numberFormat } from "./format";
import { KeyReveal } from "./key-reveal";
import { ScopePicker } from "./scope-picker";
import type { CreatedApiKey } from "./types";

const expiries = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year" },
];

export function CreateKeyDialog({
  grantedScopes,
  tier,
  tierLimit,
  onClose,
  onCreated,
}: {
  grantedScopes: readonly string[];
  /** The partner's tier, when known ("standard", "premium", …). */
  tier?: string;
  /** The tier's limit, when an existing key without its own limit tells us. */
  tierLimit?: number;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [scopes, setScopes] = useState<string[]>([]);
  const [scopesTouched, setScopesTouched] = useState(false);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<CreatedApiKey>("/keys", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (k: CreatedApiKey) => `API key “${k.name}” created`, error: false },
    onSuccess: onCreated,
  });
  const err = create.error instanceof ApiError ? create.error : undefined;
  const fieldError = (path: string) => err?.fieldError(path) ?? err?.errors.find((e) => e.path.startsWith(`${path}.`))?.message;
  const knownFields = ["name", "scopes", "expiresAt", "ratelimitPerMinute"];
  const unplacedError = create.isError && !err?.errors.some((e) => knownFields.some((k) => e.path === k || e.path.startsWith(`${k}.`)));

  if (create.data) {
    return (
      <Dialog open onClose={onClose} title="API key created" closeGuard={copied ? null : secretCloseGuard}>
        <KeyReveal created={create.data} onDone={onClose} onCopied={() => setCopied(true)} />
      </Dialog>
    );
  }

  const scopesError = fieldError("scopes") ?? (scopesTouched && scopes.length === 0 ? "Choose at least one scope." : undefined);
  const limitHint = `Optional. May only lower your tier's limit${
    tierLimit ? ` (${numberFormat.format(tierLimit)} requests/min${tier ? ` on ${tier}` : ""})` : tier ? ` (${tier} tier)` : ""
  }.`;

  return (
    <Dialog open onClose={onClose} title="Create API key" size="lg">
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setScopesTouched(true);
          if (scopes.length === 0) return;
          const f = new FormData(e.currentTarget);
          const days = Number(f.get("expiry") || 0);
          const limit = String(f.get("ratelimitPerMinute") ?? "").trim();
          create.mutate({
            name: String(f.get("name")).trim(),
            scopes,
            ...(days ? { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } : {}),
            ...(limit ? { ratelimitPerMinute: Number(limit) } : {}),
          });
        }}
      >
        <Field label="Name" hint="Where the key is used, e.g. “Production claims sync”." error={fieldError("name")}>
          <Input name="name" required maxLength={100} autoComplete="off" invalid={!!fieldError("name")} />
        </Field>
        <ScopePicker value={scopes} onChange={setScopes} grantedScopes={grantedScopes} error={scopesError} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Expires" error={fieldError("expiresAt")}>
            <Select name="expiry" defaultValue="">
              {expiries.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Rate limit per minute" hint={limitHint} error={fieldError("ratelimitPerMinute")}>
            <Input
              name="ratelimitPerMinute"
              type="number"
              inputMode="numeric"
              min={1}
              max={tierLimit}
              step={1}
              placeholder={tierLimit ? numberFormat.format(tierLimit) : "Tier default"}
              invalid={!!fieldError("ratelimitPerMinute")}
            />
          </Field>
        </div>
        {unplacedError && <ErrorState error={create.error} />}
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
