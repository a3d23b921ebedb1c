import { Star } from "lucide-react";

/** A review's stars: read as "4 out of 5 stars", drawn for the eye. */
export function ReviewStars({ rating, size = "sm" }: { rating: number; size?: "sm" | "md" }) {
  const icon = size === "md" ? "size-4" : "size-3.5";
  return (
    <span role="img" aria-label={`${rating} out of 5 stars`} className="inline-flex">
      {[1, 2, 3, 4, 5].map((i) => (
        <Star key={i} aria-hidden className={`${icon} shrink-0 ${i <= rating ? "text-amber-500" : "text-slate-300"}`} fill="currentColor" strokeWidth={0} />
      ))}
    </span>
  );
}
