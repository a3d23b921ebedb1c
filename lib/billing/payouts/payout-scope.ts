import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { isoDay, periodBounds, type Period } from "../period";

// Which partners a payout run covers: those whose paid listings had an install during the
// period (one that counts at least a day), and those holding a balance (carried forward, or a
// failed payout returned: it is retried with the next period even without new sales).
// Partners with a statement (or a payout) for the period are done, whichever run wrote it.

/** An integration's install-days in the period, in SQL: the day rule of installDaysIn. */
export function installDaysSql(period: Period): SQL {
  const b = periodBounds(period);
  const start = sql`${b.firstDay}::date`;
  const end = sql`${isoDay(b.end)}::date`;
  return sql`greatest(0, least(coalesce((i.uninstalled_at at time zone 'UTC')::date, ${end}), ${end}) - greatest((i.connected_at at time zone 'UTC')::date, ${start}))`;
}

/**
 * `from … where …` of paid listings' installs (`l`, `i`) connected before an instant: a period's
 * end for a payout, now for the forecast (index: integrations (application_id, connected_at)).
 */
export function paidInstallsSql(connectedBefore: Date): SQL {
  return sql`listings l
    join integrations i on i.application_id = l.application_id
      and i.connected_at is not null and i.connected_at < ${connectedBefore.toISOString()}::timestamptz
    where l.pricing_model = 'paid' and l.monthly_price_cents > 0`;
}

type Scope = { period: Period; partnerId: string | null; after?: string | null };

function partnersToDo({ period, partnerId, after }: Scope): SQL {
  const only = (col: SQL) => sql`${partnerId ? sql`and ${col} = ${partnerId}::uuid` : sql``} ${after ? sql`and ${col} > ${after}::uuid` : sql``}`;
  return sql`(
    select l.partner_id from ${paidInstallsSql(periodBounds(period).end)} and ${installDaysSql(period)} > 0 ${only(sql`l.partner_id`)}
    union
    select b.partner_id from partner_balances b where b.balance_cents > 0 ${only(sql`b.partner_id`)}
  ) s
  where not exists (select 1 from payout_statements ps where ps.partner_id = s.partner_id and ps.period = ${period})
    and not exists (select 1 from payouts p where p.partner_id = s.partner_id and p.period = ${period})`;
}

/** How many partners still need a statement for the period. */
export async function countPayoutPartners(db: Db, scope: Scope): Promise<number> {
  const rows = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*)::int as n from ${partnersToDo(scope)}`));
  return Number(rows[0]?.n ?? 0);
}

/**
 * Up to `limit` of them (after `scope.after`), by id: a stable order, so concurrent runners take
 * batches in the same order. With `runId`, also the partners of the run's payouts still pending
 * after the cursor: a batch that wrote its statements and then crashed before the run moved its
 * cursor is handed out again (its process step submits them), even when it was the last one.
 */
export async function pendingPayoutPartners(db: Db, scope: Scope & { runId?: string }, limit: number): Promise<string[]> {
  const unsubmitted = scope.runId
    ? sql`union select p.partner_id from payouts p where p.run_id = ${scope.runId}::uuid and p.status = 'pending' ${scope.after ? sql`and p.partner_id > ${scope.after}::uuid` : sql``}`
    : sql``;
  const rows = rowsOf<{ partner_id: string }>(
    await db.execute(sql`select partner_id from (select s.partner_id from ${partnersToDo(scope)} ${unsubmitted}) t order by partner_id limit ${limit}`),
  );
  return rows.map((r) => r.partner_id);
}
