"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Field, Textarea } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import type { Partner } from "@/components/partners/types";

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
  const run = useMutation({
    mutationFn: (reason: string) =>
      apiFetch<Partner>(`/partners/${partner.id}/${action}`, { body: reason ? { reason } : {}, idempotencyKey: crypto.randomUUID() }),
    meta: { success: action === "suspend" ? `${partner.name} suspended` : `${partner.name} approved`, error: false },
    onSuccess: onDone,
  });
  const err = run.error instanceof ApiError ? run.error : undefined;
  const suspend = action === "suspend";
  return (
    <Dialog open onClose={onClose} title={suspend ? `Suspend “${partner.name}”?` : `Approve “${partner.name}”?`}>
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate(String(new FormData(e.currentTarget).get("reason") ?? "").trim());
        }}
      >
        <p>
          {suspend
            ? "Its members can still sign in and will see the reason, but its API keys, OAuth tokens and webhooks stop working."
            : "The partner becomes active: its members can create API keys, apps, webhooks and listings."}
        </p>
        <Field label={suspend ? "Reason (shown to the partner)" : "Note (optional)"} error={err?.fieldError("reason")}>
          <Textarea name="reason" rows={3} required={suspend} />
        </Field>
        {run.isError && !err?.fieldError("reason") && <ErrorState error={run.error} />}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant={suspend ? "danger" : "primary"} disabled={run.isPending}>
            {run.isPending ? "Working…" : suspend ? "Suspend partner" : "Approve partner"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
