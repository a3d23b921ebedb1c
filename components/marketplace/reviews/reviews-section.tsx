"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import type { ReviewPage, ReviewSort } from "@/lib/marketplace/reviews/schemas";
import { useRefreshReviews, useReviews } from "./queries";
import { ReviewCard } from "./review-card";
import { ReviewComposer } from "./review-composer";
import { ReviewSummary } from "./review-summary";

// The Reviews part of a listing page: the summary whose star rows filter the list, the caller's
// own part (write, edit, or why not), the sort, and the reviews with "Load more".

const sortLabels: Record<ReviewSort, string> = { newest: "Newest", helpful: "Most helpful", lowest: "Lowest rated" };

export function ReviewsSection({
  slug,
  listingName,
  partnerName,
  signInHref,
  initial,
}: {
  slug: string;
  listingName: string;
  partnerName: string;
  signInHref: string;
  /** The first page of the default view, read on the server. */
  initial?: ReviewPage;
}) {
  const [sort, setSort] = useState<ReviewSort>("newest");
  const [rating, setRating] = useState<number | null>(null);
  const reviews = useReviews(slug, sort, rating, initial);
  const refresh = useRefreshReviews(slug);
  const first = reviews.data?.pages[0] ?? initial;
  const items = reviews.data?.pages.flatMap((p) => p.data) ?? [];

  if (!first) {
    return reviews.isError ? <ErrorState error={reviews.error} onRetry={() => reviews.refetch()} /> : <LoadingState label="Loading reviews…" />;
  }
  const { summary, viewer } = first;

  return (
    <div className="grid gap-5">
      <div className="grid gap-5 sm:grid-cols-[minmax(0,15rem)_minmax(0,1fr)]">
        <ReviewSummary summary={summary} rating={rating} onFilter={setRating} />
        <ReviewComposer slug={slug} listingName={listingName} viewer={viewer} signInHref={signInHref} onChanged={refresh} />
      </div>

      {summary.count > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-700" aria-live="polite">
            {rating === null ? (
              `${summary.count.toLocaleString("en-US")} ${summary.count === 1 ? "review" : "reviews"}`
            ) : (
              <>
                Showing {rating}-star reviews{" "}
                <button type="button" onClick={() => setRating(null)} className="ml-1 rounded font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
                  Show all reviews
                </button>
              </>
            )}
          </p>
          <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-700">
            Sort reviews
            <Select value={sort} onChange={(e) => setSort(e.target.value as ReviewSort)} className="w-auto">
              {(Object.keys(sortLabels) as ReviewSort[]).map((s) => (
                <option key={s} value={s}>
                  {sortLabels[s]}
                </option>
              ))}
            </Select>
          </label>
        </div>
      )}

      {reviews.isError && !reviews.isFetchingNextPage ? (
        <ErrorState error={reviews.error} onRetry={() => reviews.refetch()} />
      ) : reviews.isPending ? (
        <LoadingState label="Loading reviews…" />
      ) : items.length === 0 ? (
        rating === null ? (
          <EmptyState title="No reviews yet">
            {viewer.canReview ? "Be the first to say how it works for your agency." : `Agencies that use ${listingName} can review it here.`}
          </EmptyState>
        ) : (
          <EmptyState title={`No ${rating}-star reviews`} action={<Button variant="secondary" onClick={() => setRating(null)}>Show all reviews</Button>} />
        )
      ) : (
        <>
          <ul aria-label={`Reviews of ${listingName}`} aria-busy={reviews.isFetching} className="-my-4 divide-y divide-slate-200">
            {items.map((r) => (
              <li key={r.id}>
                <ReviewCard review={r} viewer={viewer} partnerName={partnerName} onChanged={refresh} />
              </li>
            ))}
          </ul>
          {reviews.hasNextPage && (
            <div className="flex justify-center border-t border-slate-200 pt-4">
              <Button variant="secondary" onClick={() => reviews.fetchNextPage()} disabled={reviews.isFetchingNextPage}>
                {reviews.isFetchingNextPage ? "Loading…" : "Load more reviews"}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
