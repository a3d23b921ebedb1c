"use client";

import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog, secretCloseGuard } from "@/components/ui/confirm-dialog";
import { Input, Select } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { CreateApiKey } from "@/lib/keys/schemas";
import { numberFormat } from "./format";
import { KeyReveal } from "./key-reveal";
import { ScopesField } from "./scope-picker";
import type { CreatedApiKey } from "./types";

const expiries = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year" },
];

/** The form as its controls hold it, turned into the API's CreateApiKey body and checked by the API's own schema. */
function createKeySchema(tierLimit?: number) {
  return z
    .object({ name: z.string(), scopes: z.array(z.string()), expiresAt: z.string(), ratelimitPerMinute: z.string() })
    .transform(({ name, scopes, expiresAt, ratelimitPerMinute }) => {
      const days = Number(expiresAt || 0);
      const limit = ratelimitPerMinute.trim();
      return {
        name,
        scopes,
        ...(days ? { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } : {}),
        ...(limit ? { ratelimitPerMinute: Number(limit) } : {}),
      };
    })
    .pipe(
      CreateApiKey.refine((k) => !tierLimit || k.ratelimitPerMinute === undefined || k.ratelimitPerMinute <= tierLimit, {
        path: ["ratelimitPerMinute"],
        message: `may only lower your tier's limit of ${numberFormat.format(tierLimit ?? 0)}`,
      }),
    );
}

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
  const [copied, setCopied] = useState(false);
  const schema = useMemo(() => createKeySchema(tierLimit), [tierLimit]);
  const form = useApiForm(schema, { defaultValues: { name: "", scopes: [], expiresAt: "", ratelimitPerMinute: "" } });
  const create = useMutation({
    mutationFn: (body: z.output<typeof schema>) => apiFetch<CreatedApiKey>("/keys", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (k: CreatedApiKey) => `API key “${k.name}” created`, error: false },
    onSuccess: onCreated,
    onError: (e) => applyServerErrors(form, e),
  });

  if (create.data) {
    return (
      <Dialog open onClose={onClose} title="API key created" closeGuard={copied ? null : secretCloseGuard}>
        <KeyReveal created={create.data} onDone={onClose} onCopied={() => setCopied(true)} />
      </Dialog>
    );
  }

  const limitHint = `Optional. May only lower your tier's limit${
    tierLimit ? ` (${numberFormat.format(tierLimit)} requests/min${tier ? ` on ${tier}` : ""})` : tier ? ` (${tier} tier)` : ""
  }.`;

  return (
    <Dialog open onClose={onClose} title="Create API key" size="lg">
      <Form form={form} onSubmit={(body) => create.mutate(body)} className="grid gap-4">
        <FormField name="name" label="Name" hint="Where the key is used, e.g. “Production claims sync”.">
          <Input {...form.register("name")} required maxLength={100} autoComplete="off" />
        </FormField>
        <ScopesField grantedScopes={grantedScopes} />
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField name="expiresAt" label="Expires">
            <Select {...form.register("expiresAt")}>
              {expiries.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField name="ratelimitPerMinute" label="Rate limit per minute" hint={limitHint}>
            <Input
              {...form.register("ratelimitPerMinute")}
              type="number"
              inputMode="numeric"
              min={1}
              max={tierLimit}
              step={1}
              placeholder={tierLimit ? numberFormat.format(tierLimit) : "Tier default"}
            />
          </FormField>
        </div>
        <FormErrorState error={create.error} />
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
