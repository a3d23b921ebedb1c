"use client";

import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import type { Partner } from "@/components/partners/types";
import { ChangePartnerStatus, SuspendPartner } from "@/lib/partners/schemas";

const Reason = z.object({ reason: z.string() });
/** Suspending needs a reason (the API's SuspendPartner says how long); approving takes an optional note. */
const SuspendBody = Reason.pipe(SuspendPartner);
const ApproveBody = Reason.transform(({ reason }): z.input<typeof ChangePartnerStatus> => (reason.trim() ? { reason } : {})).pipe(ChangePartnerStatus);

/** Approve (activate) or suspend a partner, with a reason that the partner's members see. */
export function StatusActionDialog({
  partner,
  action,
  onClose,
  onDone,
}: {
  partner: Partner;
  action: "activate" | "suspend";
  onClose: () => void;
  onDone: () => void;
}) {
  const suspend = action === "suspend";
  const form = useApiForm(suspend ? SuspendBody : ApproveBody, { defaultValues: { reason: "" } });
  const run = useMutation({
    mutationFn: (body: { reason?: string }) => apiFetch<Partner>(`/partners/${partner.id}/${action}`, { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: action === "suspend" ? `${partner.name} suspended` : `${partner.name} approved`, error: false },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={suspend ? `Suspend “${partner.name}”?` : `Approve “${partner.name}”?`}>
      <Form form={form} onSubmit={(body) => run.mutate(body)} className="grid gap-3">
        <p>
          {suspend
            ? "Its members can still sign in and will see the reason, but its API keys, OAuth tokens and webhooks stop working."
            : "The partner becomes active: its members can create API keys, apps, webhooks and listings."}
        </p>
        <FormField name="reason" label={suspend ? "Reason (shown to the partner)" : "Note (optional)"}>
          <Textarea {...form.register("reason")} rows={3} required={suspend} maxLength={500} />
        </FormField>
        <FormErrorState error={run.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant={suspend ? "danger" : "primary"} disabled={run.isPending}>
            {run.isPending ? "Working…" : suspend ? "Suspend partner" : "Approve partner"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
