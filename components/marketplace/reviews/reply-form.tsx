"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { REVIEW_LIMITS, ReplyToReview, type Review } from "@/lib/marketplace/reviews/schemas";

/** The partner's public answer to a review: written once, changed later (then marked edited). */
export function ReplyForm({ review, onDone, onCancel }: { review: Review; onDone: () => void; onCancel: () => void }) {
  const form = useApiForm(ReplyToReview, { defaultValues: { body: review.reply?.body ?? "" } });
  const save = useMutation({
    mutationFn: (body: ReplyToReview) => apiFetch<Review>(`/marketplace/reviews/${review.id}/reply`, { body }),
    meta: { success: review.reply ? "Your reply is updated" : "Your reply is posted", error: false },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Form form={form} onSubmit={(body) => save.mutate(body)} className="grid gap-3">
      <FormField name="body" label="Your public reply" hint="Everyone reading the reviews sees it, and the author is told.">
        <Textarea {...form.register("body")} rows={3} maxLength={REVIEW_LIMITS.reply} />
      </FormField>
      <FormErrorState error={save.error} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={save.isPending}>
          {save.isPending ? "Saving…" : review.reply ? "Save reply" : "Post reply"}
        </Button>
      </div>
    </Form>
  );
}
