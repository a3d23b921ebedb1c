"use client";

import { RatingBar, ratingBarGrid } from "@/components/marketplace/rating-bar";
import { RatingStars } from "@/components/marketplace/rating-stars";
import type { ReviewPage } from "@/lib/marketplace/reviews/schemas";

// The average and the spread over 1–5 stars, each row a button that shows only those reviews
// (pressed while it filters; pressing it again shows all). The bar is decoration: each button
// reads "4 stars: 9 reviews, 35%".

const stars = ["5", "4", "3", "2", "1"] as const;

export function ReviewSummary({
  summary,
  rating,
  onFilter,
}: {
  summary: ReviewPage["summary"];
  rating: number | null;
  onFilter: (rating: number | null) => void;
}) {
  const total = summary.count;
  return (
    <div className="grid content-start gap-3">
      <p className="text-sm">
        <RatingStars average={summary.average} count={summary.count} size="md" />
      </p>
      <div role="group" aria-label="Filter by stars" className="grid gap-1">
        {stars.map((s) => {
          const n = summary.histogram[s] ?? 0;
          const pressed = rating === Number(s);
          return (
            <button
              key={s}
              type="button"
              aria-pressed={pressed}
              disabled={n === 0 && !pressed}
              onClick={() => onFilter(pressed ? null : Number(s))}
              className={`${ratingBarGrid} rounded px-1 py-0.5 text-left text-xs text-slate-700 transition enabled:hover:bg-slate-100 disabled:cursor-default ${
                pressed ? "bg-amber-50 font-semibold ring-1 ring-amber-500" : ""
              }`}
            >
              <RatingBar stars={s} count={n} total={total} />
            </button>
          );
        })}
      </div>
    </div>
  );
}
