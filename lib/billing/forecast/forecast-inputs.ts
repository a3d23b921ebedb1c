import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import type { BillingPlan } from "../invoice-calculation";
import { addMonths, isoDay, monthsBetween, periodBounds, periodOf, type Period } from "../period";
import { paidInstallsSql } from "../payouts/payout-scope";
import { plansByPartner } from "../pricing-plans";

// What a forecast reads, for one partner or the whole platform, in five
// statements whatever the number of partners (run side by side): plans,
// usage per partner and month, active paid installs, issued invoices and
// payouts per period. Tenancy is in each `where`: a partner's forecast never
// reads another partner's rows.

export type ForecastInputs = {
  plans: Map<string, BillingPlan[]>;
  /** Billable (2xx) calls per partner and month, from `usageFrom` to now; a month is present when the partner had a 2xx counter in it. */
  usage: Map<string, Map<Period, number>>;
  /** Σ monthly price of the partner's paid listings' installs active at `now`. */
  paidInstallsCents: Map<string, number>;
  history: Map<Period, { invoicedCents: number; collectedCents: number; payoutsCents: number }>;
};

type Num = number | string;

export async function loadForecastInputs(
  db: Db,
  q: { partnerId: string | null; usageFrom: Period; historyFrom: Period; historyTo: Period; now: Date },
): Promise<ForecastInputs> {
  const months = Array.from({ length: monthsBetween(q.usageFrom, periodOf(q.now)) + 1 }, (_, i) => addMonths(q.usageFrom, i));
  const only = (col: string) => (q.partnerId ? sql`and ${sql.raw(col)} = ${q.partnerId}::uuid` : sql``);
  const now = q.now.toISOString();
  const [plans, usageRows, installRows, invoiceRows, payoutRows] = await Promise.all([
    plansByPartner(db, q.partnerId ? [q.partnerId] : undefined),
    // Only 2xx rows: as cheap as the invoice run's own aggregation. The month is a bucket index
    // from comparisons on the day (to_char per row would cost more than the scan).
    db.execute(sql`
      select partner_id, ${months.length > 1 ? sql.join(months.slice(1).map((m) => sql`(day >= ${periodBounds(m).firstDay}::date)::int`), sql` + `) : sql`0`} as month,
        sum(count)::bigint as calls
      from usage_counters
      where day >= ${periodBounds(months[0]).firstDay}::date and day <= ${isoDay(q.now)}::date and status_class = '2xx' ${only("partner_id")}
      group by 1, 2`),
    // The payout run's notion of a paid install, at one instant: connected before now, not uninstalled yet.
    db.execute(sql`
      select l.partner_id, sum(l.monthly_price_cents)::bigint as cents
      from ${paidInstallsSql(q.now)}
        and (i.uninstalled_at is null or i.uninstalled_at > ${now}::timestamptz) ${only("l.partner_id")}
      group by 1`),
    db.execute(sql`
      select period,
        coalesce(sum(total_cents) filter (where status in ('open', 'paid', 'overdue')), 0)::bigint as invoiced,
        coalesce(sum(total_cents) filter (where status = 'paid'), 0)::bigint as collected
      from invoices
      where period >= ${q.historyFrom} and period <= ${q.historyTo} ${only("partner_id")}
      group by 1`),
    db.execute(sql`
      select period, coalesce(sum(amount_cents), 0)::bigint as cents
      from payouts
      where period >= ${q.historyFrom} and period <= ${q.historyTo} and status <> 'failed' ${only("partner_id")}
      group by 1`),
  ]);

  const usage = new Map<string, Map<Period, number>>();
  for (const r of rowsOf<{ partner_id: string; month: Num; calls: Num }>(usageRows)) {
    let byMonth = usage.get(r.partner_id);
    if (!byMonth) usage.set(r.partner_id, (byMonth = new Map()));
    byMonth.set(months[Number(r.month)], Number(r.calls));
  }
  const paidInstallsCents = new Map(rowsOf<{ partner_id: string; cents: Num }>(installRows).map((r) => [r.partner_id, Number(r.cents)]));
  const history = new Map<Period, { invoicedCents: number; collectedCents: number; payoutsCents: number }>();
  const at = (p: Period) => history.get(p) ?? history.set(p, { invoicedCents: 0, collectedCents: 0, payoutsCents: 0 }).get(p)!;
  for (const r of rowsOf<{ period: string; invoiced: Num; collected: Num }>(invoiceRows)) {
    Object.assign(at(r.period), { invoicedCents: Number(r.invoiced), collectedCents: Number(r.collected) });
  }
  for (const r of rowsOf<{ period: string; cents: Num }>(payoutRows)) at(r.period).payoutsCents = Number(r.cents);
  return { plans, usage, paidInstallsCents, history };
}
