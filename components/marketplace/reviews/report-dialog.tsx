"use client";

import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Select, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { REVIEW_LIMITS, ReportReview, type ReviewReportReceipt } from "@/lib/marketplace/reviews/schemas";

// Reporting a review to the moderators: a kind of problem and, if the reporter wants, details.
// The API takes one reason text; the kind leads it so the queue reads at a glance.

const kinds = ["Spam or advertising", "Offensive or abusive", "Off-topic", "Fake, or written by someone with a conflict of interest", "Something else"] as const;

const ReportForm = z
  .object({ kind: z.string().min(1, "Choose what is wrong"), details: z.string() })
  .superRefine((v, ctx) => {
    if (v.kind === "Something else" && v.details.trim().length < 3) ctx.addIssue({ code: "custom", path: ["details"], message: "Say what is wrong" });
  })
  .transform((v) => ({ reason: v.details.trim() ? `${v.kind}: ${v.details.trim()}` : v.kind }))
  .pipe(ReportReview);

export function ReportDialog({ reviewId, onClose, onReported }: { reviewId: string; onClose: () => void; onReported: () => void }) {
  const form = useApiForm(ReportForm, { defaultValues: { kind: "", details: "" } });
  const report = useMutation({
    mutationFn: (body: ReportReview) => apiFetch<ReviewReportReceipt>(`/marketplace/reviews/${reviewId}/report`, { body }),
    meta: { success: "Thanks: the moderators will look at this review", error: false },
    onSuccess: () => {
      onReported();
      onClose();
    },
    // The form has no `reason` field of its own: an error on it shows as the form's error.
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title="Report this review">
      <Form form={form} onSubmit={(body) => report.mutate(body)} className="grid gap-4">
        <p>Platform moderators read reports and hide reviews that break the marketplace rules. The author is not told who reported it.</p>
        <FormField name="kind" label="What is wrong with it?">
          <Select {...form.register("kind")}>
            <option value="">Choose…</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField name="details" label="Details (optional)">
          <Textarea {...form.register("details")} rows={3} maxLength={REVIEW_LIMITS.reason - 80} />
        </FormField>
        <FormErrorState error={report.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={report.isPending}>
            {report.isPending ? "Reporting…" : "Report"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
