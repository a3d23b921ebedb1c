"use client";

import { useMutation } from "@tanstack/react-query";
import { Flag, MessageSquareReply, ThumbsUp } from "lucide-react";
import { useId, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { HelpfulVote, Review, ReviewViewer } from "@/lib/marketplace/reviews/schemas";
import { ReplyForm } from "./reply-form";
import { ReportDialog } from "./report-dialog";
import { ReviewStars } from "./review-stars";

// One review: stars, title, who wrote it for which agency and when (and whether it was edited),
// the text, the partner's reply, and what the reader can do: mark it helpful, report it, or, for
// the listing's partner, answer it.

export function ReviewCard({
  review,
  viewer,
  partnerName,
  onChanged,
}: {
  review: Review;
  viewer: ReviewViewer;
  partnerName: string;
  onChanged: () => void;
}) {
  const titleId = useId();
  const [replying, setReplying] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  const own = review.own === true;

  const helpful = useMutation({
    mutationFn: (on: boolean) => apiFetch<HelpfulVote>(`/marketplace/reviews/${review.id}/helpful`, { method: on ? "POST" : "DELETE" }),
    onSuccess: onChanged,
  });
  // The vote shows at once; until the list is read again, the answer stands in for it.
  const listed = { voted: review.viewerVoted ?? false, count: review.helpfulCount };
  let shown = listed;
  if (helpful.isPending && helpful.variables !== undefined) {
    const on = helpful.variables;
    shown = { voted: on, count: listed.count + (on === listed.voted ? 0 : on ? 1 : -1) };
  } else if (helpful.data && helpful.data.viewerVoted !== listed.voted) {
    shown = { voted: helpful.data.viewerVoted, count: helpful.data.helpfulCount };
  }
  const { voted, count } = shown;

  return (
    <article aria-labelledby={titleId} className="grid gap-2 py-4" data-testid="review">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <ReviewStars rating={review.rating} />
        <h3 id={titleId} className="text-sm font-semibold text-slate-900">
          {review.title || `${review.rating}-star review`}
        </h3>
        {own && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Your review</span>}
      </div>
      <p className="text-xs text-slate-600">
        <span className="font-medium text-slate-700">{review.author.name}</span>, {review.account.name} · <Time value={review.createdAt} focusable={false} />
        {review.editedAt && (
          <>
            {" "}
            · <span title={`Edited ${new Date(review.editedAt).toUTCString()}`}>edited</span>
          </>
        )}
      </p>
      <p className="text-sm whitespace-pre-line break-words text-slate-800">{review.body}</p>

      {review.reply && !replying && (
        <div className="mt-1 rounded-md border-l-2 border-brand-500 bg-slate-50 px-3 py-2">
          <p className="text-xs font-semibold text-slate-800">
            Reply from {partnerName}
            <span className="font-normal text-slate-600">
              {" "}
              · <Time value={review.reply.createdAt} focusable={false} />
              {review.reply.editedAt && " · edited"}
            </span>
          </p>
          <p className="mt-1 text-sm whitespace-pre-line break-words text-slate-800">{review.reply.body}</p>
        </div>
      )}
      {replying && (
        <div className="mt-1 rounded-md bg-slate-50 p-3">
          <ReplyForm
            review={review}
            onCancel={() => setReplying(false)}
            onDone={() => {
              setReplying(false);
              onChanged();
            }}
          />
        </div>
      )}

      <div className="flex flex-wrap items-center gap-2 pt-1">
        {viewer.signedIn && !own ? (
          <Button
            variant="ghost"
            size="sm"
            aria-pressed={voted}
            aria-describedby={titleId}
            disabled={helpful.isPending}
            onClick={() => helpful.mutate(!voted)}
            className={voted ? "text-brand-700" : ""}
          >
            <ThumbsUp aria-hidden className="size-3.5" fill={voted ? "currentColor" : "none"} />
            Helpful ({count})
          </Button>
        ) : (
          count > 0 && (
            <span className="text-xs text-slate-600">
              {count} {count === 1 ? "person" : "people"} found this helpful
            </span>
          )
        )}
        {viewer.signedIn && !own && (
          <Button variant="ghost" size="sm" aria-describedby={titleId} disabled={reported} onClick={() => setReporting(true)}>
            <Flag aria-hidden className="size-3.5" />
            {reported ? "Reported" : "Report"}
          </Button>
        )}
        {viewer.canReply && !replying && (
          <Button variant="ghost" size="sm" aria-describedby={titleId} onClick={() => setReplying(true)}>
            <MessageSquareReply aria-hidden className="size-3.5" />
            {review.reply ? "Edit reply" : "Reply"}
          </Button>
        )}
      </div>
      {reporting && <ReportDialog reviewId={review.id} onClose={() => setReporting(false)} onReported={() => setReported(true)} />}
    </article>
  );
}
