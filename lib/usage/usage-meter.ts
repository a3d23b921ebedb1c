import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, usageCounters } from "@/db/schema";

// Counting must not cost a database write per request: calls are summed in
// memory and flushed at least once a second (and on shutdown) as one upsert
// per (partner, credential, day, route group, status class). A crash loses at
// most the last second of counts of that process; a failed flush is merged
// back and retried with the next one.

export type MeteredCall = {
  partnerId: string;
  credentialType: "api_key" | "oauth_client";
  credentialId: string;
  routeGroup: string;
  status: number;
  at?: Date;
};

type Bucket = { partnerId: string; credentialType: string; credentialId: string; day: string; routeGroup: string; statusClass: string; count: number };

export function statusClass(status: number): "2xx" | "3xx" | "4xx" | "5xx" {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  if (status >= 300) return "3xx";
  return "2xx";
}

export class UsageMeter {
  private buckets = new Map<string, Bucket>();
  private lastUsed = new Map<string, Date>();
  private flushing: Promise<void> | null = null;

  record(call: MeteredCall) {
    const at = call.at ?? new Date();
    const day = at.toISOString().slice(0, 10);
    const cls = statusClass(call.status);
    const k = `${call.partnerId}|${call.credentialId}|${day}|${call.routeGroup}|${cls}`;
    const b = this.buckets.get(k);
    if (b) b.count += 1;
    else this.buckets.set(k, { partnerId: call.partnerId, credentialType: call.credentialType, credentialId: call.credentialId, day, routeGroup: call.routeGroup, statusClass: cls, count: 1 });
    if (call.credentialType === "api_key") this.lastUsed.set(call.credentialId, at);
  }

  get pending(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.count;
    return n;
  }

  /** Writes what has accumulated. Concurrent callers share one flush. */
  async flush(db: Db): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.buckets.size && !this.lastUsed.size) return;
    const buckets = [...this.buckets.values()];
    const lastUsed = [...this.lastUsed.entries()];
    this.buckets = new Map();
    this.lastUsed = new Map();
    this.flushing = (async () => {
      try {
        // One transaction: either every count lands or none does, so a retry never double-counts.
        await db.transaction(async (tx) => {
          if (buckets.length) {
            await tx
              .insert(usageCounters)
              .values(buckets)
              .onConflictDoUpdate({
                target: [usageCounters.partnerId, usageCounters.credentialId, usageCounters.day, usageCounters.routeGroup, usageCounters.statusClass],
                set: { count: sql`${usageCounters.count} + excluded.count`, updatedAt: new Date() },
              });
          }
          for (const [id, at] of lastUsed) {
            const ts = sql`${at.toISOString()}::timestamptz`;
            await tx
              .update(apiKeys)
              .set({ lastUsedAt: sql`greatest(coalesce(${apiKeys.lastUsedAt}, ${ts}), ${ts})` })
              .where(eq(apiKeys.id, id));
          }
        });
      } catch (err) {
        // Put the counts back so the next flush carries them.
        for (const b of buckets) {
          const k = `${b.partnerId}|${b.credentialId}|${b.day}|${b.routeGroup}|${b.statusClass}`;
          const cur = this.buckets.get(k);
          if (cur) cur.count += b.count;
          else this.buckets.set(k, { ...b });
        }
        for (const [id, at] of lastUsed) if (!this.lastUsed.has(id)) this.lastUsed.set(id, at);
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
