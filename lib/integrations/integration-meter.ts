import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationErrors, integrationLatency, integrationMetrics, integrations, oauthClients } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { bucketOf } from "./latency-buckets";

// Per-integration API metrics, counted like usage (lib/usage/usage-meter.ts): nothing is written
// per request. A request made with an app's OAuth token for an account is summed in memory under
// (OAuth client, account, day): requests, errors, a latency histogram, and a few of its errors.
// A flush (every second, and on shutdown) finds which integration each (client, account) is, in
// one query for the pairs it has not seen lately, and writes everything in one transaction. A
// failed flush is merged back and retried with the next.
//
// Errors are sampled: at most ERRORS_PER_MINUTE of them per (client, account) and minute become
// integration_errors rows (each with its request id); the rest are only counted (the metrics'
// `errors` stays exact), and each flush that dropped some writes one `ERRORS_SAMPLED` row saying
// how many. An app failing hundreds of calls a second writes at most ten rows a minute.

export const ERRORS_PER_MINUTE = 10;
const RESOLVED_TTL_MS = 5 * 60_000;
const UNRESOLVED_TTL_MS = 60_000;

export type IntegrationCall = {
  /** The OAuth client (oauth_clients.id) the token belongs to. */
  clientId: string;
  accountId: string;
  status: number;
  latencyMs: number;
  requestId: string;
  method?: string;
  path?: string;
  /** The problem's code and detail for an error answer. */
  error?: { code: string; message: string };
  at?: Date;
};

type ErrorSample = { code: string; message: string; requestId: string; status: number; method?: string; path?: string; at: Date };
type Agg = { clientId: string; accountId: string; day: string; requests: number; errors: number; buckets: Map<number, number>; samples: ErrorSample[]; sampledOut: number };

const pairKey = (clientId: string, accountId: string) => `${clientId}|${accountId}`;

export class IntegrationMeter {
  private aggs = new Map<string, Agg>();
  /** Errors sampled per (client, account) in the current minute. */
  private window = new Map<string, { minute: number; count: number }>();
  private resolved = new Map<string, { id: string | null; until: number }>();
  private flushing: Promise<void> | null = null;

  record(call: IntegrationCall) {
    const at = call.at ?? new Date();
    const day = at.toISOString().slice(0, 10);
    const pair = pairKey(call.clientId, call.accountId);
    const k = `${pair}|${day}`;
    let a = this.aggs.get(k);
    if (!a) {
      a = { clientId: call.clientId, accountId: call.accountId, day, requests: 0, errors: 0, buckets: new Map(), samples: [], sampledOut: 0 };
      this.aggs.set(k, a);
    }
    a.requests += 1;
    const b = bucketOf(call.latencyMs);
    a.buckets.set(b, (a.buckets.get(b) ?? 0) + 1);
    if (call.status < 400) return;
    a.errors += 1;
    const minute = Math.floor(at.getTime() / 60_000);
    let w = this.window.get(pair);
    if (!w || w.minute !== minute) {
      w = { minute, count: 0 };
      if (this.window.size > 50_000) this.window.clear();
      this.window.set(pair, w);
    }
    if (w.count >= ERRORS_PER_MINUTE) {
      a.sampledOut += 1;
      return;
    }
    w.count += 1;
    a.samples.push({
      code: call.error?.code ?? (call.status >= 500 ? "INTERNAL" : `HTTP_${call.status}`),
      message: (call.error?.message ?? `The API answered ${call.status}`).slice(0, 500),
      requestId: call.requestId,
      status: call.status,
      method: call.method,
      path: call.path,
      at,
    });
  }

  get pending(): number {
    let n = 0;
    for (const a of this.aggs.values()) n += a.requests;
    return n;
  }

  /** (client, account) → the integration, for the pairs not resolved lately: one query. */
  private async resolve(db: Db, pairs: { clientId: string; accountId: string }[]) {
    const now = Date.now();
    const unknown = pairs.filter((p) => (this.resolved.get(pairKey(p.clientId, p.accountId))?.until ?? 0) <= now);
    if (unknown.length) {
      // The newest integration of the client's app in the account: the live one if there is one
      // (uninstalling revokes every token, so a call was made while it was live).
      const result = await db.execute(sql`
        select distinct on (c.id, g.account_id) c.id::text as client_id, g.account_id::text as account_id, g.id::text as id
        from jsonb_to_recordset(${JSON.stringify(unknown.map((p) => ({ client_id: p.clientId, account_id: p.accountId })))}::jsonb) as x(client_id uuid, account_id uuid)
        join ${oauthClients} c on c.id = x.client_id
        join ${integrations} g on g.application_id = c.application_id and g.account_id = x.account_id
        order by c.id, g.account_id, (g.uninstalled_at is null) desc, g.created_at desc`);
      const found = new Map(rowsOf<{ client_id: string; account_id: string; id: string }>(result).map((r) => [pairKey(r.client_id, r.account_id), r.id]));
      if (this.resolved.size > 50_000) this.resolved.clear();
      for (const p of unknown) {
        const k = pairKey(p.clientId, p.accountId);
        const id = found.get(k) ?? null;
        // A client of no app (a partner's own OAuth client) is no integration: asked again only after a while.
        this.resolved.set(k, { id, until: now + (id ? RESOLVED_TTL_MS : UNRESOLVED_TTL_MS) });
      }
    }
    return (clientId: string, accountId: string) => this.resolved.get(pairKey(clientId, accountId))?.id ?? null;
  }

  private mergeBack(aggs: Agg[]) {
    for (const a of aggs) {
      const k = `${pairKey(a.clientId, a.accountId)}|${a.day}`;
      const cur = this.aggs.get(k);
      if (!cur) {
        this.aggs.set(k, a);
        continue;
      }
      cur.requests += a.requests;
      cur.errors += a.errors;
      for (const [b, n] of a.buckets) cur.buckets.set(b, (cur.buckets.get(b) ?? 0) + n);
      cur.samples.push(...a.samples);
      cur.sampledOut += a.sampledOut;
    }
  }

  /** Writes what has accumulated. Concurrent callers share one flush. */
  async flush(db: Db): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.aggs.size) return;
    const aggs = [...this.aggs.values()];
    this.aggs = new Map();
    this.flushing = (async () => {
      try {
        const integrationOf = await this.resolve(db, aggs);
        const metrics = new Map<string, { integrationId: string; day: string; requests: number; errors: number }>();
        const latency = new Map<string, { integrationId: string; day: string; bucket: number; count: number }>();
        const errors: (typeof integrationErrors.$inferInsert)[] = [];
        const now = new Date();
        for (const a of aggs) {
          const integrationId = integrationOf(a.clientId, a.accountId);
          if (!integrationId) continue;
          const mk = `${integrationId}|${a.day}`;
          const m = metrics.get(mk) ?? { integrationId, day: a.day, requests: 0, errors: 0 };
          m.requests += a.requests;
          m.errors += a.errors;
          metrics.set(mk, m);
          for (const [bucket, count] of a.buckets) {
            const lk = `${mk}|${bucket}`;
            const l = latency.get(lk) ?? { integrationId, day: a.day, bucket, count: 0 };
            l.count += count;
            latency.set(lk, l);
          }
          for (const s of a.samples) {
            errors.push({
              integrationId,
              code: s.code,
              message: s.message,
              occurredAt: s.at,
              details: { requestId: s.requestId, status: s.status, ...(s.method ? { method: s.method } : {}), ...(s.path ? { path: s.path } : {}) },
            });
          }
          if (a.sampledOut) {
            errors.push({
              integrationId,
              code: "ERRORS_SAMPLED",
              message: `${a.sampledOut} more failed API request${a.sampledOut === 1 ? " was" : "s were"} counted but not listed (at most ${ERRORS_PER_MINUTE} a minute are)`,
              occurredAt: now,
              details: { count: a.sampledOut },
            });
          }
        }
        if (!metrics.size) return;
        // One transaction: every count lands or none does, so a retried flush never counts twice.
        await db.transaction(async (tx) => {
          await tx
            .insert(integrationMetrics)
            .values([...metrics.values()])
            .onConflictDoUpdate({
              target: [integrationMetrics.integrationId, integrationMetrics.day],
              set: { requests: sql`${integrationMetrics.requests} + excluded.requests`, errors: sql`${integrationMetrics.errors} + excluded.errors`, updatedAt: now },
            });
          await tx
            .insert(integrationLatency)
            .values([...latency.values()])
            .onConflictDoUpdate({
              target: [integrationLatency.integrationId, integrationLatency.day, integrationLatency.bucket],
              set: { count: sql`${integrationLatency.count} + excluded.count` },
            });
          if (errors.length) await tx.insert(integrationErrors).values(errors);
        });
      } catch (err) {
        this.mergeBack(aggs);
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
