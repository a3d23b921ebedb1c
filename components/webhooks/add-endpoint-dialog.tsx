"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { EventTypePicker } from "./event-type-picker";
import { SecretValue } from "./secret-value";
import type { EndpointWithSecret } from "./types";

export function AddEndpointDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const [eventTypes, setEventTypes] = useState<string[]>([]);
  const [typesTouched, setTypesTouched] = useState(false);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<EndpointWithSecret>("/webhooks/endpoints", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: "Endpoint added", error: false },
    onSuccess: onCreated,
  });
  const err = create.error instanceof ApiError ? create.error : undefined;
  const fieldError = (path: string) => err?.fieldError(path) ?? err?.errors.find((e) => e.path.startsWith(`${path}.`))?.message;
  const known = ["url", "eventTypes", "description"];
  const unplacedError = create.isError && !err?.errors.some((e) => known.some((k) => e.path === k || e.path.startsWith(`${k}.`)));

  if (create.data) {
    return (
      <Dialog
        open
        onClose={onClose}
        title="Endpoint added"
        closeGuard={
          copied
            ? null
            : {
                title: "Close without copying the signing secret?",
                description: "Your receiver needs it to verify deliveries. You can reveal it again later from the endpoint's actions.",
              }
        }
      >
        <div className="grid gap-4">
          <p>
            Portico signs every delivery to <code className="break-all font-mono text-xs">{create.data.url}</code> with this signing secret.
            Store it with your receiver to verify the <code className="font-mono text-xs">webhook-signature</code> header.
          </p>
          <SecretValue secret={create.data.secret} testId="endpoint-secret" onCopied={() => setCopied(true)} />
          <p className="text-xs text-slate-600">You can reveal this secret again later from the endpoint&apos;s actions, and rotate it at any time.</p>
          <div className="flex justify-end">
            <Button onClick={onClose}>Done</Button>
          </div>
        </div>
      </Dialog>
    );
  }

  const typesError = fieldError("eventTypes") ?? (typesTouched && eventTypes.length === 0 ? "Choose at least one event type." : undefined);

  return (
    <Dialog open onClose={onClose} title="Add endpoint" size="lg">
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setTypesTouched(true);
          if (eventTypes.length === 0) return;
          const f = new FormData(e.currentTarget);
          const description = String(f.get("description") ?? "").trim();
          create.mutate({ url: String(f.get("url")).trim(), eventTypes, ...(description ? { description } : {}) });
        }}
      >
        <Field label="Endpoint URL" hint="A public HTTPS URL that answers 2xx within a few seconds." error={fieldError("url")}>
          <Input
            name="url"
            type="url"
            required
            placeholder="https://example.com/webhooks/portico"
            autoComplete="off"
            className="font-mono"
            invalid={!!fieldError("url")}
          />
        </Field>
        <Field label="Description" hint="Optional, e.g. “Production CRM sync”." error={fieldError("description")}>
          <Input name="description" maxLength={200} autoComplete="off" invalid={!!fieldError("description")} />
        </Field>
        <EventTypePicker value={eventTypes} onChange={setEventTypes} error={typesError} />
        {unplacedError && <ErrorState error={create.error} />}
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add endpoint"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
