"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { EyeOff, RotateCcw, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { useId, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { ReviewStars } from "@/components/marketplace/reviews/review-stars";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog, Dialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { Segmented } from "@/components/ui/segmented";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { REVIEW_LIMITS, UpdateReview, type ModeratedReview, type ReviewReportGroup } from "@/lib/marketplace/reviews/schemas";

// The moderation queue: reviews that signed-in users reported, one entry per review with how many
// reported it and why. Open entries wait for a decision: hide the review (with a reason its author
// reads) or dismiss the reports (it stays). Resolved entries say what was decided; a hidden review
// can be restored from there.

const statuses = ["open", "resolved"] as const;
type Status = (typeof statuses)[number];
const queueKey = ["review-reports"] as const;


function HideDialog({ entry, onClose, onDone }: { entry: ReviewReportGroup; onClose: () => void; onDone: () => void }) {
  const form = useApiForm(UpdateReview, { defaultValues: { hidden: true, reason: "" } });
  const hide = useMutation({
    mutationFn: (body: UpdateReview) => apiFetch<ModeratedReview>(`/marketplace/reviews/${entry.review.id}`, { method: "PATCH", body }),
    meta: { success: "The review is hidden", error: false },
    onSuccess: () => {
      onDone();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={`Hide this review of ${entry.listing.name}?`}>
      <Form form={form} onSubmit={(body) => hide.mutate({ hidden: true, reason: body.reason })} className="grid gap-4">
        <p>
          It leaves the listing page and its rating at once; its {entry.reportCount === 1 ? "report is" : `${entry.reportCount} reports are`} resolved as
          hidden. Its author sees it marked hidden, with your reason. You can restore it later from Resolved.
        </p>
        <FormField name="reason" label="Reason" hint="Required. The author reads this.">
          <Textarea {...form.register("reason")} rows={3} maxLength={REVIEW_LIMITS.reason} />
        </FormField>
        <FormErrorState error={hide.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={hide.isPending}>
            {hide.isPending ? "Hiding…" : "Hide review"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

function Entry({ entry, onChanged }: { entry: ReviewReportGroup; onChanged: () => void }) {
  const titleId = useId();
  const [dialog, setDialog] = useState<"hide" | "restore" | null>(null);
  const r = entry.review;
  const dismiss = useMutation({
    mutationFn: () => apiFetch<ReviewReportGroup>(`/marketplace/review-reports/${entry.id}/dismiss`, { body: {} }),
    meta: { success: "Reports dismissed: the review stays" },
    onSuccess: onChanged,
  });
  const restore = useMutation({
    mutationFn: () => apiFetch<ModeratedReview>(`/marketplace/reviews/${r.id}`, { method: "PATCH", body: { hidden: false } }),
    meta: { success: "The review is back on the listing", error: false },
    onSuccess: () => {
      setDialog(null);
      onChanged();
    },
  });

  return (
    <article aria-labelledby={titleId} className="grid gap-3 py-4" data-testid="reported-review">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <p className="text-xs text-slate-600">
            <Link href={`/marketplace/apps/${encodeURIComponent(entry.listing.slug)}`} className="font-medium text-brand-700 hover:underline">
              {entry.listing.name}
            </Link>{" "}
            by {entry.listing.partner.name}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <ReviewStars rating={r.rating} />
            <h2 id={titleId} className="text-sm font-semibold text-slate-900">
              {r.title || `${r.rating}-star review`}
            </h2>
            {r.hidden ? <Badge tone="red">Hidden</Badge> : entry.status === "resolved" ? <Badge tone="green">Visible</Badge> : null}
          </div>
          <p className="text-xs text-slate-600">
            {r.author.name}, {r.account.name} · <Time value={r.createdAt} focusable={false} />
            {r.editedAt && " · edited"}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {entry.status === "open" && (
            <>
              <Button variant="secondary" size="sm" aria-describedby={titleId} disabled={dismiss.isPending} onClick={() => dismiss.mutate()}>
                <ShieldCheck aria-hidden className="size-3.5" />
                {dismiss.isPending ? "Dismissing…" : "Dismiss reports"}
              </Button>
              {!r.hidden && (
                <Button variant="dangerOutline" size="sm" aria-describedby={titleId} onClick={() => setDialog("hide")}>
                  <EyeOff aria-hidden className="size-3.5" />
                  Hide review…
                </Button>
              )}
            </>
          )}
          {r.hidden && (
            <Button variant="secondary" size="sm" aria-describedby={titleId} onClick={() => setDialog("restore")}>
              <RotateCcw aria-hidden className="size-3.5" />
              Restore…
            </Button>
          )}
        </div>
      </div>

      <p className="text-sm whitespace-pre-line break-words text-slate-800">{r.body}</p>
      {r.hidden && r.hiddenReason && <p className="text-xs text-slate-600">Hidden: {r.hiddenReason}</p>}

      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm">
        <p className="text-xs font-semibold text-slate-800">
          {entry.status === "open"
            ? `Reported by ${entry.reportCount} ${entry.reportCount === 1 ? "person" : "people"}, first `
            : `${entry.resolution === "hidden" ? "Hidden" : "Dismissed"}${entry.resolvedBy ? ` by ${entry.resolvedBy.name}` : ""} `}
          <Time value={entry.status === "open" ? entry.firstReportedAt : entry.resolvedAt} focusable={false} />
        </p>
        <ul aria-label="Reasons given" className="mt-1 grid gap-1">
          {entry.reports.map((rep) => (
            <li key={rep.id} className="text-slate-700">
              <span className="break-words">“{rep.reason}”</span> <span className="text-xs text-slate-600">— {rep.reporter.name}</span>
            </li>
          ))}
        </ul>
      </div>
      {dismiss.isError && <ErrorState error={dismiss.error} />}

      {dialog === "hide" && <HideDialog entry={entry} onClose={() => setDialog(null)} onDone={onChanged} />}
      <ConfirmDialog
        open={dialog === "restore"}
        title={`Restore this review of ${entry.listing.name}?`}
        confirmLabel="Restore"
        busy={restore.isPending}
        onConfirm={() => restore.mutate()}
        onCancel={() => {
          setDialog(null);
          restore.reset();
        }}
      >
        <p>It returns to the listing page and counts in its rating again.</p>
        {restore.isError && (
          <div className="mt-3">
            <ErrorState error={restore.error} />
          </div>
        )}
      </ConfirmDialog>
    </article>
  );
}

export function ReportedReviews() {
  const [{ status }, setView] = useQueryStates({ status: parseAsStringLiteral(statuses).withDefault("open") });
  const list = usePagedList<ReviewReportGroup>([...queueKey], "/marketplace/review-reports", { status });
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: queueKey });

  return (
    <Card>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <Segmented<Status>
          label="Show reports"
          options={[
            { value: "open", label: "Open" },
            { value: "resolved", label: "Resolved" },
          ]}
          value={status}
          onChange={(v) => setView({ status: v === "open" ? null : v })}
        />
        <p className="text-sm text-slate-600">{status === "open" ? "Longest waiting first." : "Latest decision first."}</p>
      </div>
      {list.isPending ? (
        <LoadingState label="Loading reported reviews…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={status === "open" ? "No reported reviews" : "Nothing resolved yet"}>
          {status === "open" ? "Reviews that signed-in users report appear here." : "Reports you dismiss, and reviews you hide, are listed here."}
        </EmptyState>
      ) : (
        <>
          <div className="divide-y divide-slate-200">
            {list.data.data.map((entry) => (
              <Entry key={entry.id} entry={entry} onChanged={refresh} />
            ))}
          </div>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
