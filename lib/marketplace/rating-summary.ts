import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { ratingAverage } from "./listing-item";

export type RatingHistogram = { "1": number; "2": number; "3": number; "4": number; "5": number };

/**
 * A listing's visible reviews per star, with the average and count they make. The listing page
 * and the reviews list both read this one query, so their numbers cannot drift apart.
 */
export async function ratingSummary(db: Db, listingId: string): Promise<{ average: number | null; count: number; histogram: RatingHistogram }> {
  const rows = rowsOf<{ rating: number; n: number }>(
    await db.execute(sql`select rating, count(*)::int as n from reviews where listing_id = ${listingId} and hidden_at is null group by rating`),
  );
  const histogram: RatingHistogram = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  let count = 0;
  let sum = 0;
  for (const r of rows) {
    histogram[String(r.rating) as keyof RatingHistogram] = Number(r.n);
    count += Number(r.n);
    sum += Number(r.n) * Number(r.rating);
  }
  return { average: ratingAverage(sum, count), count, histogram };
}
