"use client";

import { useMutation } from "@tanstack/react-query";
import { Star } from "lucide-react";
import { useId, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import type { SatisfactionInput, Ticket } from "@/lib/support/schemas";
import { ticketPath, useRefreshSupport } from "./queries";
import { focusWhenDrawn } from "./thread";

// "How did we do?" once a ticket is resolved: one to five stars (a radio group drawn as stars) and
// an optional comment. Once given, the rating shows in its place, to the requester and to staff.

const words = ["Very poor", "Poor", "OK", "Good", "Excellent"];

export function Stars({ rating }: { rating: number }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden className="flex text-amber-500">
        {[1, 2, 3, 4, 5].map((n) => (
          <Star key={n} className={`size-4 ${n <= rating ? "" : "text-slate-300"}`} fill="currentColor" strokeWidth={0} />
        ))}
      </span>
      <span className="text-sm text-slate-800">
        {rating} out of 5 <span className="text-slate-600">({words[rating - 1]})</span>
      </span>
    </span>
  );
}

export function SatisfactionSummary({ satisfaction }: { satisfaction: NonNullable<Ticket["satisfaction"]> }) {
  return (
    <div className="grid gap-1 text-sm" data-testid="satisfaction">
      <Stars rating={satisfaction.rating} />
      {satisfaction.comment && <p className="text-slate-700">“{satisfaction.comment}”</p>}
    </div>
  );
}

export function SatisfactionWidget({ ticket }: { ticket: Ticket }) {
  const id = useId();
  const refresh = useRefreshSupport();
  const doneRef = useRef<HTMLDivElement>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const rate = useMutation({
    mutationFn: (input: SatisfactionInput) => apiFetch<Ticket>(`${ticketPath(ticket.id)}/satisfaction`, { body: input }),
    meta: { success: "Thanks for your rating" },
    onSuccess: async () => {
      await refresh();
      // The form is replaced by the rating: focus goes to it, not to the page's top.
      focusWhenDrawn(() => doneRef.current);
    },
  });

  if (ticket.satisfaction) {
    return (
      <section aria-labelledby={`${id}-h`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div ref={doneRef} tabIndex={-1} className="outline-none">
          <h2 id={`${id}-h`} className="mb-2 text-sm font-semibold text-slate-900">
            Your rating
          </h2>
          <SatisfactionSummary satisfaction={ticket.satisfaction} />
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby={`${id}-h`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-h`} className="text-sm font-semibold text-slate-900">
        How did we do?
      </h2>
      <form
        className="mt-3 grid gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!rating) return setMissing(true);
          rate.mutate({ rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
        }}
      >
        <fieldset aria-describedby={missing ? `${id}-err` : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800">Rating</legend>
          <div className="flex items-center gap-1">
            {[1, 2, 3, 4, 5].map((n) => (
              <span key={n} className="relative">
                <input
                  id={`${id}-${n}`}
                  type="radio"
                  name={`${id}-rating`}
                  value={n}
                  checked={rating === n}
                  onChange={() => {
                    setRating(n);
                    setMissing(false);
                  }}
                  className="peer absolute inset-0 size-full cursor-pointer opacity-0"
                />
                <label htmlFor={`${id}-${n}`} className="block cursor-pointer rounded p-0.5 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500">
                  <Star aria-hidden className={`size-7 ${n <= rating ? "text-amber-500" : "text-slate-300"}`} fill="currentColor" strokeWidth={0} />
                  <span className="sr-only">
                    {n} {n === 1 ? "star" : "stars"}: {words[n - 1]}
                  </span>
                </label>
              </span>
            ))}
            <span className="ml-2 text-xs text-slate-600" aria-hidden>
              {rating ? words[rating - 1] : ""}
            </span>
          </div>
          {missing && (
            <span id={`${id}-err`} className="mt-1 block text-xs text-red-700">
              Choose 1 to 5 stars.
            </span>
          )}
        </fieldset>
        <div>
          <label htmlFor={`${id}-comment`} className="mb-1 block text-sm font-medium text-slate-800">
            Comment (optional)
          </label>
          <Textarea id={`${id}-comment`} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
        <div>
          <Button type="submit" variant="secondary" disabled={rate.isPending}>
            {rate.isPending ? "Sending…" : "Send rating"}
          </Button>
        </div>
      </form>
    </section>
  );
}
