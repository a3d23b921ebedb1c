"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { CreateEndpoint } from "@/lib/webhooks/schemas";
import { EventTypePicker } from "./event-type-picker";
import { SecretValue } from "./secret-value";
import type { EndpointWithSecret } from "./types";

/**
 * The API's CreateEndpoint, plus what the browser can tell about the URL (a full http(s) URL); the
 * server also refuses private and unresolvable hosts, which shows under the field when it does.
 */
const AddEndpointForm = z
  .object({ url: z.string(), description: z.string(), eventTypes: z.array(z.string()) })
  .transform(({ url, description, eventTypes }) => ({ url: url.trim(), eventTypes, ...(description.trim() ? { description } : {}) }))
  .pipe(CreateEndpoint.extend({ url: z.url({ protocol: /^https?$/ }).max(2000) }));

export function AddEndpointDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const [copied, setCopied] = useState(false);
  const form = useApiForm(AddEndpointForm, { defaultValues: { url: "", description: "", eventTypes: [] } });
  const create = useMutation({
    mutationFn: (body: z.output<typeof AddEndpointForm>) =>
      apiFetch<EndpointWithSecret>("/webhooks/endpoints", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: "Endpoint added", error: false },
    onSuccess: onCreated,
    onError: (e) => applyServerErrors(form, e),
  });

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

  return (
    <Dialog open onClose={onClose} title="Add endpoint" size="lg">
      <Form form={form} onSubmit={(body) => create.mutate(body)} className="grid gap-4">
        <FormField name="url" label="Endpoint URL" hint="A public HTTPS URL that answers 2xx within a few seconds.">
          <Input {...form.register("url")} type="url" required placeholder="https://example.com/webhooks/portico" autoComplete="off" className="font-mono" />
        </FormField>
        <FormField name="description" label="Description" hint="Optional, e.g. “Production CRM sync”.">
          <Input {...form.register("description")} maxLength={200} autoComplete="off" />
        </FormField>
        <Controller
          control={form.control}
          name="eventTypes"
          render={({ field, fieldState }) => (
            <EventTypePicker value={field.value} onChange={field.onChange} error={fieldState.error?.message} inputRef={field.ref} />
          )}
        />
        <FormErrorState error={create.error} />
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add endpoint"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
