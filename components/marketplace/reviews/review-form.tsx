"use client";

import { useMutation } from "@tanstack/react-query";
import { Star } from "lucide-react";
import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/field";
import { FieldsetError, Form, FormErrorState, FormField, useFieldError } from "@/components/ui/form";
import { CreateReview, REVIEW_LIMITS, type ModeratedReview } from "@/lib/marketplace/reviews/schemas";
import { reviewsPath } from "./queries";

// Writing a review, or changing one's own: stars (five radio buttons drawn as stars), an optional
// title and the text. The browser checks the API's own schema before sending; the server's field
// errors land on the same fields.

// Every field is checked at once (each with the API's own rule), so one submit shows every error.
const ReviewFormSchema = z
  .object({
    rating: z.string().min(1, "Choose 1 to 5 stars").transform(Number).pipe(CreateReview.shape.rating),
    title: CreateReview.shape.title,
    body: CreateReview.shape.body,
  })
  .transform((v): CreateReview => ({ rating: v.rating, body: v.body, ...(v.title ? { title: v.title } : {}) }));

const starWords = ["Poor", "Fair", "Good", "Very good", "Excellent"];

function StarsInput({ name }: { name: "rating" }) {
  const { register } = useFormContext<{ rating: string }>();
  const id = useId();
  const errorId = `${id}-error`;
  const error = useFieldError(name);
  const value = Number(useWatch({ name }) ?? 0);
  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="text-sm">
      <legend className="mb-1 font-medium text-slate-800">Rating</legend>
      <div className="flex items-center gap-1">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className="relative">
            <input
              {...register(name)}
              id={`${id}-${n}`}
              type="radio"
              value={String(n)}
              className="peer absolute inset-0 size-full cursor-pointer opacity-0"
            />
            <label
              htmlFor={`${id}-${n}`}
              className="block cursor-pointer rounded p-0.5 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500"
            >
              <Star aria-hidden className={`size-6 ${n <= value ? "text-amber-500" : "text-slate-300"}`} fill="currentColor" strokeWidth={0} />
              <span className="sr-only">
                {n} {n === 1 ? "star" : "stars"}
              </span>
            </label>
          </span>
        ))}
        <span className="ml-2 text-xs text-slate-600" aria-hidden>
          {value ? starWords[value - 1] : ""}
        </span>
      </div>
      <FieldsetError id={errorId} message={error} />
    </fieldset>
  );
}

export function ReviewForm({
  slug,
  existing,
  onDone,
  onCancel,
}: {
  slug: string;
  /** The caller's review, to change; none to write a new one. */
  existing?: ModeratedReview | null;
  onDone: (review: ModeratedReview) => void;
  onCancel: () => void;
}) {
  const form = useApiForm(ReviewFormSchema, {
    defaultValues: { rating: existing ? String(existing.rating) : "", title: existing?.title ?? "", body: existing?.body ?? "" },
  });
  const save = useMutation({
    mutationFn: (body: CreateReview) =>
      existing
        ? apiFetch<ModeratedReview>(`/marketplace/reviews/${existing.id}`, { method: "PATCH", body: { ...body, title: body.title ?? "" } })
        : apiFetch<ModeratedReview>(reviewsPath(slug), { body }),
    meta: { success: existing ? "Your review is updated" : "Thanks for your review", error: false },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Form form={form} onSubmit={(body) => save.mutate(body)} aria-label={existing ? "Edit your review" : "Write a review"} className="grid gap-4">
      <StarsInput name="rating" />
      <FormField name="title" label="Title (optional)">
        <Input {...form.register("title")} maxLength={REVIEW_LIMITS.title} autoComplete="off" />
      </FormField>
      <FormField name="body" label="Your review" hint="What worked, what did not, and for what kind of agency.">
        <Textarea {...form.register("body")} rows={5} maxLength={REVIEW_LIMITS.body} />
      </FormField>
      <FormErrorState error={save.error} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : existing ? "Save changes" : "Post review"}
        </Button>
      </div>
    </Form>
  );
}
