import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, applicationVersions, integrations } from "@/db/schema";
import { describeError } from "@/lib/db/errors";
import { rowsOf } from "@/lib/db/rows";
import { checkedIntegration, checkTarget, targetColumns, type CheckOptions, type HealthTarget } from "./check-integration-health";
import { HEALTH_CHECK_EVERY_MS } from "@/lib/integrations/health-phase";

// The every-minute job: claim the integrations whose turn has come and check
// them, a bounded number at a time. Each integration is checked once per 5
// minutes at its own phase within them: activation sets health_check_next_at
// to now + a phase derived from its id (healthPhase, lib/integrations/install.ts),
// so a thousand installs are spread over the 5 minutes, not fired by one tick.
// Claiming moves health_check_next_at on by whole 5-minute steps to the first
// one after now (the phase is kept, and a backlog after downtime is checked
// once, not once per missed window) before the call is made, under SKIP
// LOCKED, so two runs (two instances, or a run overlapping the next) never
// check one integration twice; a run that dies mid-batch loses those checks
// for one window, no more. A null health_check_next_at is never checked: the
// integration was never activated (or, in the demo data, is deliberately left out).

export type HealthRunOptions = CheckOptions & {
  /** Integrations claimed per statement. */
  batch?: number;
  /** HTTP calls in flight at once. */
  concurrency?: number;
  /** Batches per run at most; whatever is left is due at the next run. */
  maxBatches?: number;
  signal?: AbortSignal;
};

export type HealthRunSummary = { checked: number; healthy: number; unhealthy: number; becameFailed: number; errors: number };

/** SQL: `at` moved on by whole 5-minute steps to the first instant after `now` (`at` <= `now`). */
function nextInPhase(at: SQL, now: Date): SQL {
  const step = sql.raw(String(HEALTH_CHECK_EVERY_MS));
  return sql`${at} + (floor(extract(epoch from (${now.toISOString()}::timestamptz - ${at})) * 1000 / ${step}) + 1) * interval '${step} milliseconds'`;
}

/** Claims up to `limit` integrations due at `now`, moving each to its phase in the next window. */
export async function claimDueHealthChecks(db: Db, now: Date, limit: number): Promise<HealthTarget[]> {
  const result = await db.execute(sql`
    with due as (
      select i.id from ${integrations} i
      join ${applications} a on a.id = i.application_id
      join ${applicationVersions} v on v.id = a.live_version_id
      where i.health_check_next_at <= ${now.toISOString()}::timestamptz and ${checkedIntegration}
      order by i.health_check_next_at
      limit ${limit}
      for update of i skip locked
    ), moved as (
      update ${integrations} m set health_check_next_at = ${nextInPhase(sql`m.health_check_next_at`, now)}
      from due where m.id = due.id
      returning m.id
    )
    select ${targetColumns(now)}
    from moved
    join ${integrations} i on i.id = moved.id
    join ${applications} a on a.id = i.application_id
    join ${applicationVersions} v on v.id = a.live_version_id`);
  return rowsOf<HealthTarget>(result);
}

/** Runs `fn` over `items`, at most `limit` at once. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function runDueHealthChecks(db: Db, opts: HealthRunOptions = {}): Promise<HealthRunSummary> {
  const now = opts.now ?? new Date();
  const { batch = 200, concurrency = 16, maxBatches = 25 } = opts;
  const summary: HealthRunSummary = { checked: 0, healthy: 0, unhealthy: 0, becameFailed: 0, errors: 0 };
  for (let n = 0; n < maxBatches && !opts.signal?.aborted; n++) {
    const targets = await claimDueHealthChecks(db, now, batch);
    await eachLimited(targets, concurrency, async (t) => {
      try {
        const outcome = await checkTarget(db, t, opts);
        if (!outcome.recorded.recorded) return;
        summary.checked++;
        if (outcome.healthy) summary.healthy++;
        else summary.unhealthy++;
        if (outcome.recorded.becameFailed) summary.becameFailed++;
      } catch (err) {
        // One integration's trouble (a secret that will not unseal, say) must not stop the others.
        summary.errors++;
        console.error(`health checks: integration ${t.id}: ${describeError(err, { frames: false })}`);
      }
    });
    if (targets.length < batch) break;
  }
  return summary;
}
