import { sql } from "drizzle-orm";
import type { Db } from "@/db";

/**
 * Moves a listing's rating counters by a delta, in the caller's transaction: relative updates, so
 * concurrent reviews of one listing queue on its row and none is lost. Counters cover visible
 * reviews only; the statement triggers on listings carry the change into marketplace_totals.
 */
export async function moveRating(tx: Db, listingId: string, delta: { count: number; sum: number }) {
  if (delta.count === 0 && delta.sum === 0) return;
  await tx.execute(
    sql`update listings set rating_count = rating_count + ${delta.count}::int, rating_sum = rating_sum + ${delta.sum}::int where id = ${listingId}`,
  );
}
