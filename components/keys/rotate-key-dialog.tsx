"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Controller, FormProvider } from "react-hook-form";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { ConfirmDialog, Dialog, secretCloseGuard } from "@/components/ui/confirm-dialog";
import { FieldsetError, FormErrorState } from "@/components/ui/form";
import { RotateApiKey } from "@/lib/keys/schemas";
import { maskedKey } from "./format";
import { KeyReveal } from "./key-reveal";
import type { ApiKey, CreatedApiKey } from "./types";

const graces = [
  { seconds: 0, label: "Immediately", span: "", detail: "The old key stops working as soon as the new one exists." },
  { seconds: 3600, label: "After 1 hour", span: "1 hour", detail: "Enough for a quick redeploy." },
  { seconds: 86_400, label: "After 24 hours", span: "24 hours", detail: "Recommended: time to roll the new key out everywhere." },
  { seconds: 7 * 86_400, label: "After 7 days", span: "7 days", detail: "For keys baked into releases that ship slowly." },
];
const graceChoices = graces.map((g) => ({ ...g, value: g.seconds }));

/** Confirm (with the grace period), then show the new key once. */
export function RotateKeyDialog({ apiKey, onClose, onRotated }: { apiKey: ApiKey; onClose: () => void; onRotated: () => void }) {
  const [copied, setCopied] = useState(false);
  const errorId = useId();
  const form = useApiForm(RotateApiKey, { defaultValues: { gracePeriodSeconds: 86_400 } });
  const rotate = useMutation({
    mutationFn: (body: { gracePeriodSeconds: number }) =>
      apiFetch<CreatedApiKey>(`/keys/${apiKey.id}/rotate`, { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: `API key “${apiKey.name}” rotated`, error: false },
    onSuccess: onRotated,
    onError: (e) => applyServerErrors(form, e),
  });

  if (rotate.data) {
    const span = graces.find((g) => g.seconds === rotate.variables?.gracePeriodSeconds)?.span;
    const note = span
      ? `The old key (${maskedKey(apiKey)}) keeps working for ${span}, then stops.`
      : `The old key (${maskedKey(apiKey)}) no longer works.`;
    return (
      <Dialog open onClose={onClose} title="Key rotated" closeGuard={copied ? null : secretCloseGuard}>
        <KeyReveal created={rotate.data} note={note} onDone={onClose} onCopied={() => setCopied(true)} />
      </Dialog>
    );
  }

  return (
    <ConfirmDialog
      open
      title={`Rotate “${apiKey.name}”?`}
      confirmLabel="Rotate key"
      danger
      busy={rotate.isPending}
      onCancel={onClose}
      onConfirm={form.handleSubmit((body) => rotate.mutate(body))}
    >
      <FormProvider {...form}>
        <div className="grid gap-4">
          <p>
            A new key with the same scopes and rate limit replaces <span className="font-mono text-xs">{maskedKey(apiKey)}</span>. Deploy the
            new key, then let the old one lapse.
          </p>
          <Controller
            control={form.control}
            name="gracePeriodSeconds"
            render={({ field, fieldState }) => (
              <>
                <fieldset aria-describedby={fieldState.error ? errorId : undefined}>
                  <legend className="mb-2 font-medium text-slate-800">The old key stops working</legend>
                  <ChoiceCards name="grace" choices={graceChoices} value={field.value ?? 86_400} onChange={field.onChange} />
                  <FieldsetError id={errorId} message={fieldState.error?.message} />
                </fieldset>
                {!!field.value && <p className="text-xs text-slate-600">Until then both keys work, and the old one is listed as expiring.</p>}
              </>
            )}
          />
          <FormErrorState error={rotate.error} />
        </div>
      </FormProvider>
    </ConfirmDialog>
  );
}
