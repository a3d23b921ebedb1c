// One row of a ratings histogram: "5 stars", the bar, the count. Reads as text to a screen
// reader ("5 stars: 120 reviews, 64%"); the bar is decoration. The caller gives the row's element
// (a list item, or a filter button) and its grid: `grid grid-cols-[3.25rem_1fr_2.75rem] items-center gap-2`.

export const ratingBarGrid = "grid grid-cols-[3.25rem_1fr_2.75rem] items-center gap-2";

export function RatingBar({ stars, count, total }: { stars: string; count: number; total: number }) {
  const share = total > 0 ? Math.round((count / total) * 100) : 0;
  return (
    <>
      <span className="whitespace-nowrap">
        {stars} {stars === "1" ? "star" : "stars"}
        <span className="sr-only">:</span>
      </span>
      <span aria-hidden className="h-2 overflow-hidden rounded-full bg-slate-100">
        <span className="block h-full rounded-full bg-amber-400" style={{ width: `${share}%` }} />
      </span>
      <span className="text-right tabular-nums">
        {count.toLocaleString("en-US")}
        <span className="sr-only">
          {" "}
          {count === 1 ? "review" : "reviews"}
          {total > 0 ? `, ${share}%` : ""}
        </span>
      </span>
    </>
  );
}
