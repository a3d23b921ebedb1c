import type { ListingPage } from "@/lib/marketplace/schemas";
import { RatingBar, ratingBarGrid } from "./rating-bar";
import { RatingStars } from "./rating-stars";

// How a listing's visible reviews spread over 1–5 stars: the average alone hides a split
// between love and hate.

const stars = ["5", "4", "3", "2", "1"] as const;

export function RatingHistogram({ rating, histogram }: { rating: ListingPage["rating"]; histogram: ListingPage["ratingHistogram"] }) {
  const total = stars.reduce((sum, s) => sum + (histogram[s] ?? 0), 0);
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        <RatingStars average={rating.average} count={rating.count} size="md" />
      </p>
      <ul aria-label="Reviews by stars" className="grid gap-1.5">
        {stars.map((s) => (
          <li key={s} className={`${ratingBarGrid} text-xs text-slate-700`}>
            <RatingBar stars={s} count={histogram[s] ?? 0} total={total} />
          </li>
        ))}
      </ul>
    </div>
  );
}
