import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { pricingPlans } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { billableCallsByPartner } from "./billable-calls";
import { issueInvoices } from "./invoice-run";
import { periodBounds } from "./period";
import type { BillingRunRow, RunKindHandler } from "./run-kind";

/** Partners with a plan in force at some point of the run's period (the only ones an invoice can charge). */
function inScope(run: BillingRunRow) {
  const end = periodBounds(run.period).end.toISOString();
  return sql`${pricingPlans.partnerId} is not null and ${pricingPlans.effectiveFrom} < ${end}::timestamptz
    ${run.partnerId ? sql`and ${pricingPlans.partnerId} = ${run.partnerId}` : sql``}`;
}

export const invoiceRunKind: RunKindHandler = {
  async count(db, run) {
    const r = await db.execute(sql`select count(distinct ${pricingPlans.partnerId})::int as n from ${pricingPlans} where ${inScope(run)}`);
    return rowsOf<{ n: number }>(r)[0]?.n ?? 0;
  },
  async pending(db: Db, run, limit) {
    const after = run.cursor ? sql`and ${pricingPlans.partnerId} > ${run.cursor}` : sql``;
    const r = await db.execute(sql`
      select distinct ${pricingPlans.partnerId} as id from ${pricingPlans}
      where ${inScope(run)} ${after} order by 1 limit ${limit}`);
    return rowsOf<{ id: string }>(r).map((x) => x.id);
  },
  async process(db, run, partnerIds, now, memo) {
    // Driving the whole run here: the period's billable calls of every partner in one statement,
    // once, rather than one per batch (Inngest steps have no memo and aggregate per batch).
    let calls: Map<string, number> | undefined;
    if (memo) {
      calls = memo.get("calls") as Map<string, number> | undefined;
      if (!calls) {
        const b = periodBounds(run.period);
        calls = await billableCallsByPartner(db, { from: b.firstDay, to: b.lastDay, partnerIds: run.partnerId ? [run.partnerId] : undefined });
        memo.set("calls", calls);
      }
    }
    const r = await issueInvoices(db, { period: run.period, partnerIds, runId: run.id, now, calls });
    return { ...r, done: partnerIds.length };
  },
};
