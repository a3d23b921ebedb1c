import type { ListingPage } from "@/lib/marketplace/schemas";
import { RatingStars } from "./rating-stars";

// How a listing's visible reviews spread over 1–5 stars: the average alone hides a split
// between love and hate. Each row reads as text ("5 stars: 120 reviews, 64%"); the bar is decoration.

const stars = ["5", "4", "3", "2", "1"] as const;

export function RatingHistogram({ rating, histogram }: { rating: ListingPage["rating"]; histogram: ListingPage["ratingHistogram"] }) {
  const total = stars.reduce((sum, s) => sum + (histogram[s] ?? 0), 0);
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        <RatingStars average={rating.average} count={rating.count} size="md" />
      </p>
      <ul aria-label="Reviews by stars" className="grid gap-1.5">
        {stars.map((s) => {
          const n = histogram[s] ?? 0;
          const share = total > 0 ? Math.round((n / total) * 100) : 0;
          return (
            <li key={s} className="grid grid-cols-[3.25rem_1fr_2.75rem] items-center gap-2 text-xs text-slate-700">
              <span className="whitespace-nowrap">
                {s} {s === "1" ? "star" : "stars"}
                <span className="sr-only">:</span>
              </span>
              <span aria-hidden className="h-2 overflow-hidden rounded-full bg-slate-100">
                <span className="block h-full rounded-full bg-amber-400" style={{ width: `${share}%` }} />
              </span>
              <span className="text-right tabular-nums">
                {n.toLocaleString("en-US")}
                <span className="sr-only">
                  {" "}
                  {n === 1 ? "review" : "reviews"}
                  {total > 0 ? `, ${share}%` : ""}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
