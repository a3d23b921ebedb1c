import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { listings, listingStatsDaily } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { pgErrorCode } from "@/lib/db/errors";
import { startPeriodicFlush } from "@/lib/db/periodic-flush";
import type { ListingStats } from "./schemas";

// Views, search impressions and clicks are counted like API usage: summed in memory and
// written once a second as one upsert per (listing, day), never a write per page view.
// A crash loses at most the last second; a failed write is merged back and retried.

type Kind = "views" | "impressions" | "clicks";
type Counts = { listingId: string; day: string; views: number; impressions: number; clicks: number };

export class ListingStatsCounter {
  private counts = new Map<string, Counts>();
  private flushing: Promise<void> | null = null;

  record(listingId: string, kind: Kind, at = new Date()) {
    const day = at.toISOString().slice(0, 10);
    const key = `${listingId}|${day}`;
    const c = this.counts.get(key) ?? { listingId, day, views: 0, impressions: 0, clicks: 0 };
    c[kind] += 1;
    this.counts.set(key, c);
  }

  get pending(): number {
    return this.counts.size;
  }

  async flush(db: Db): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.counts.size) return;
    const rows = [...this.counts.values()];
    this.counts = new Map();
    this.flushing = (async () => {
      try {
        await writeCounts(db, rows).catch(async (err: unknown) => {
          // A listing deleted since its counts were taken fails the batch on its foreign key: its
          // counts have nowhere to go (retrying would fail forever); the others are written.
          if (pgErrorCode(err) !== "23503") throw err;
          const alive = new Set(
            (await db.select({ id: listings.id }).from(listings).where(inArray(listings.id, [...new Set(rows.map((r) => r.listingId))]))).map((r) => r.id),
          );
          const kept = rows.filter((r) => alive.has(r.listingId));
          if (kept.length) await writeCounts(db, kept);
        });
      } catch (err) {
        for (const r of rows) {
          const key = `${r.listingId}|${r.day}`;
          const cur = this.counts.get(key);
          if (cur) for (const k of ["views", "impressions", "clicks"] as const) cur[k] += r[k];
          else this.counts.set(key, r);
        }
        throw err;
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }
}

function writeCounts(db: Db, rows: Counts[]) {
  return db
    .insert(listingStatsDaily)
    .values(rows)
    .onConflictDoUpdate({
      target: [listingStatsDaily.listingId, listingStatsDaily.day],
      set: {
        views: sql`${listingStatsDaily.views} + excluded.views`,
        impressions: sql`${listingStatsDaily.impressions} + excluded.impressions`,
        clicks: sql`${listingStatsDaily.clicks} + excluded.clicks`,
      },
    });
}

const holder = globalThis as unknown as { __porticoListingStats?: ListingStatsCounter };

function counter(): ListingStatsCounter {
  if (!holder.__porticoListingStats) {
    const c = new ListingStatsCounter();
    holder.__porticoListingStats = c;
    startPeriodicFlush("listing stats", c);
  }
  return holder.__porticoListingStats;
}

export function recordImpressions(listingIds: string[]) {
  const c = counter();
  for (const id of listingIds) c.record(id, "impressions");
}

/** A listing page view; `fromSearch` when the visitor clicked it in search results. */
export function recordView(listingId: string, fromSearch: boolean) {
  const c = counter();
  c.record(listingId, "views");
  if (fromSearch) c.record(listingId, "clicks");
}

/** Flushes now; tests and benchmarks call this instead of waiting a second. */
export async function flushListingStats(db?: Db) {
  if (holder.__porticoListingStats) await holder.__porticoListingStats.flush(db ?? (await getDb()));
}

export async function listingStats(db: Db, listingId: string, days: number, now = new Date()): Promise<ListingStats> {
  const from = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .select()
    .from(listingStatsDaily)
    .where(and(eq(listingStatsDaily.listingId, listingId), gte(listingStatsDaily.day, from)));
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const series = Array.from({ length: days }, (_, i) => {
    const day = new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, views: r?.views ?? 0, impressions: r?.impressions ?? 0, clicks: r?.clicks ?? 0 };
  });
  const totals = series.reduce((t, d) => ({ views: t.views + d.views, impressions: t.impressions + d.impressions, clicks: t.clicks + d.clicks }), { views: 0, impressions: 0, clicks: 0 });
  return { days: series, totals: { ...totals, clickThroughRate: totals.impressions > 0 ? Math.round((totals.clicks / totals.impressions) * 1000) / 1000 : null } };
}

/** GET /marketplace/listings/{slug}/stats: the listing's partner (or an admin) sees its counts. */
export async function ownListingStats(db: Db, principal: Principal, slug: string, days: number): Promise<ListingStats> {
  const [row] = await db.select({ id: listings.id, partnerId: listings.partnerId }).from(listings).where(eq(listings.slug, slug));
  if (!row || !(isAdmin(principal) || principal.partnerId === row.partnerId)) throw new NotFound("Listing");
  return listingStats(db, row.id, days);
}
