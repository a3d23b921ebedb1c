import { Star } from "lucide-react";

/**
 * Five stars filled to the average, the average and the review count; "No reviews yet" without
 * any. The stars are drawn for the eye only: a screen reader hears "Rated 4.6 out of 5 from 128 reviews".
 */
export function RatingStars({ average, count, size = "sm" }: { average: number | null; count: number; size?: "sm" | "md" }) {
  if (count === 0 || average === null) return <span className="text-slate-600">No reviews yet</span>;
  const icon = size === "md" ? "size-4" : "size-3.5";
  const stars = (className: string) => (
    <span className={`flex ${className}`}>
      {[0, 1, 2, 3, 4].map((i) => (
        <Star key={i} className={`${icon} shrink-0`} fill="currentColor" strokeWidth={0} />
      ))}
    </span>
  );
  const pct = Math.max(0, Math.min(100, (average / 5) * 100));
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden className="relative inline-flex">
        {stars("text-slate-300")}
        <span className="absolute inset-y-0 left-0 overflow-hidden" style={{ width: `${pct}%` }}>
          {stars("text-amber-500")}
        </span>
      </span>
      <span aria-hidden className="font-medium text-slate-800">
        {average.toFixed(1)}
      </span>
      <span aria-hidden className="text-slate-600">
        ({count.toLocaleString("en-US")})
      </span>
      <span className="sr-only">
        Rated {average.toFixed(1)} out of 5 from {count.toLocaleString("en-US")} {count === 1 ? "review" : "reviews"}
      </span>
    </span>
  );
}
