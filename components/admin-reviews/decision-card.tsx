"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { ApproveApplication, RejectApplication, type Application } from "@/lib/applications/schemas";
import { AppStatusBadge } from "@/components/applications/status";

/** What a reviewer confirms by hand; the ticks travel with the decision as `checklist`. */
export const reviewChecklist = [
  { id: "scopes_match_purpose", label: "Scopes match what the app does" },
  { id: "privacy_policy_covers_data", label: "Privacy policy covers platform data" },
  { id: "redirect_uris_partner_domains", label: "Redirect URIs belong to the partner's domains" },
  { id: "description_accurate", label: "Description is accurate" },
  { id: "support_contact_works", label: "Support contact works" },
] as const;

type Checklist = Record<string, boolean>;
const unticked = (): Checklist => Object.fromEntries(reviewChecklist.map((c) => [c.id, false]));

/** Checklist, notes and the decision. After one, the new status and the way back to the queue. */
export function DecisionCard({ app, onDecided }: { app: Application; onDecided: () => void }) {
  const v = app.currentVersion;
  const canApprove = app.actions.includes("approve");
  const canReject = app.actions.includes("reject");
  const canStart = app.actions.includes("review");
  const label = `${app.name} ${v.version}`;

  const form = useApiForm(ApproveApplication, { defaultValues: { notes: "", checklist: unticked() } });
  const [confirming, setConfirming] = useState<ApproveApplication | null>(null);
  const [rejecting, setRejecting] = useState(false);

  const approve = useMutation({
    mutationFn: (body: ApproveApplication) =>
      apiFetch<Application>(`/applications/${app.id}/approve`, { body: { ...body, notes: body.notes || undefined }, idempotencyKey: crypto.randomUUID() }),
    meta: { success: `${label} approved`, error: false },
    onSuccess: () => {
      setConfirming(null);
      onDecided();
    },
    onError: (e) => {
      setConfirming(null);
      applyServerErrors(form, e);
    },
  });

  if (!canApprove && !canReject) {
    return (
      <section aria-labelledby="decision-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="decision-result">
        <h2 id="decision-title" className="text-sm font-semibold text-slate-900">
          Decision
        </h2>
        <p className="mt-2 flex items-center gap-2 text-sm text-slate-700">
          This version is <AppStatusBadge status={v.status} />
        </p>
        {v.reviewNotes && (
          <p className="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <span className="font-medium">{v.status === "rejected" ? "Reason: " : "Notes: "}</span>
            {v.reviewNotes}
          </p>
        )}
        <p className="mt-3 text-sm">
          <Link href="/admin/reviews" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Back to the review queue
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="decision-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-200 px-4 py-3 sm:px-5">
        <h2 id="decision-title" className="text-sm font-semibold text-slate-900">
          Decision
        </h2>
      </header>
      <Form form={form} onSubmit={(body) => setConfirming(body)} className="grid gap-4 p-4 sm:p-5">
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">Reviewer checklist</legend>
          <div className="grid gap-2">
            {reviewChecklist.map((c) => (
              <label key={c.id} className="flex items-start gap-2 text-sm text-slate-800">
                <input type="checkbox" {...form.register(`checklist.${c.id}`)} className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-brand-600" />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        <FormField name="notes" label="Notes (optional)" hint="Sent to the partner with an approval.">
          <Textarea {...form.register("notes")} rows={4} maxLength={5000} />
        </FormField>
        <FormErrorState error={approve.error} />
        {canStart && <p className="text-sm text-slate-600">Start the review to approve. A submission can be rejected straight away.</p>}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={!canApprove || approve.isPending}>
            Approve
          </Button>
          <Button variant="dangerOutline" disabled={!canReject} onClick={() => setRejecting(true)}>
            Reject…
          </Button>
        </div>
      </Form>
      <ConfirmDialog
        open={confirming !== null}
        title={`Approve “${label}”?`}
        confirmLabel="Approve"
        busy={approve.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && approve.mutate(confirming)}
      >
        The partner is told and can publish it. {app.liveVersion ? "Installs move to it when it is published." : "It goes into the marketplace when published."}
      </ConfirmDialog>
      {rejecting && (
        <RejectDialog
          app={app}
          initialReason={form.getValues("notes") ?? ""}
          checklist={form.getValues("checklist") ?? {}}
          onClose={() => setRejecting(false)}
          onDone={() => {
            setRejecting(false);
            onDecided();
          }}
        />
      )}
    </section>
  );
}

function RejectDialog({
  app,
  initialReason,
  checklist,
  onClose,
  onDone,
}: {
  app: Application;
  initialReason: string;
  checklist: Checklist;
  onClose: () => void;
  onDone: () => void;
}) {
  const label = `${app.name} ${app.currentVersion.version}`;
  const form = useApiForm(RejectApplication, { defaultValues: { reason: initialReason } });
  const reject = useMutation({
    mutationFn: (body: RejectApplication) =>
      apiFetch<Application>(`/applications/${app.id}/reject`, { body: { ...body, checklist }, idempotencyKey: crypto.randomUUID() }),
    meta: { success: `${label} rejected`, error: false },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={`Reject “${label}”?`}>
      <Form form={form} onSubmit={(body) => reject.mutate(body)} className="grid gap-3">
        <p>The partner sees the reason, edits the app and submits it again.</p>
        <FormField name="reason" label="Reason (shown to the partner)" hint="What must change: at least 10 characters.">
          <Textarea {...form.register("reason")} rows={4} maxLength={5000} />
        </FormField>
        <FormErrorState error={reject.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={reject.isPending}>
            {reject.isPending ? "Rejecting…" : "Reject"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
