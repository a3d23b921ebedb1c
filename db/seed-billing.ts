import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { runToCompletion } from "@/lib/billing/billing-runs";
import { ensureMonthEndRun } from "@/lib/billing/month-end";
import { addMonths, isoDay, periodBounds, periodOf } from "@/lib/billing/period";
import type { Db } from "./index";
import { invoices, partners, payouts, pricingPlans, usageCounters } from "./schema";

const DAY = 86_400_000;

/**
 * Demo billing: a default plan for new partners (20% revenue share), Acme on
 * `hybrid` with three months of rising API usage, every other demo partner on
 * the default plan, and the last two month ends run (the older one's invoices
 * and payouts settled), so the Invoices, Payouts, Usage and admin Billing
 * pages have history to show. Idempotent like the rest of the seed.
 */
export async function seedBilling(db: Db, ids: { acme: string }, now = new Date()) {
  const thisPeriod = periodOf(now);
  const since = periodBounds(addMonths(thisPeriod, -3)).start;

  // Once: later starts leave billing to the admin and the month-end job (the seed must not
  // replace a plan an admin changed, invent usage, or settle invoices nobody paid).
  const [acmePlan] = await db.select({ id: pricingPlans.id }).from(pricingPlans).where(eq(pricingPlans.partnerId, ids.acme)).limit(1);
  if (acmePlan) return;
  const [hasDefault] = await db.select({ id: pricingPlans.id }).from(pricingPlans).where(isNull(pricingPlans.partnerId)).limit(1);
  if (!hasDefault) {
    await db.insert(pricingPlans).values({ partnerId: null, model: "revenue_share", revenueShareBps: 2000, effectiveFrom: since });
  }
  await db
    .insert(pricingPlans)
    .values({
      partnerId: ids.acme,
      model: "hybrid",
      revenueShareBps: 2000,
      flatFeeCents: 49_900,
      includedCalls: 100_000,
      tiers: [
        { upTo: 400_000, unitAmountCentsPer1000: 40 },
        { upTo: null, unitAmountCentsPer1000: 20 },
      ],
      tierMode: "graduated",
      effectiveFrom: since,
    });
  // Every other demo partner without a plan gets the default one, from the same day.
  await db.execute(sql`
    insert into ${pricingPlans} (partner_id, model, currency, revenue_share_bps, flat_fee_cents, flat_fee_interval, included_calls, tiers, tier_mode, minimum_cents, tax_rate_bps, effective_from)
    select p.id, d.model, d.currency, d.revenue_share_bps, d.flat_fee_cents, d.flat_fee_interval, d.included_calls, d.tiers, d.tier_mode, d.minimum_cents, d.tax_rate_bps, ${since.toISOString()}::timestamptz
    from ${partners} p
    cross join lateral (select * from ${pricingPlans} where partner_id is null order by effective_from desc limit 1) d
    where not exists (select 1 from ${pricingPlans} x where x.partner_id = p.id)`);

  // Acme's calls: rising from ~3,000 to ~6,000 a day, a few percent client errors.
  const days = Math.round((now.getTime() - since.getTime()) / DAY);
  const rows = [];
  for (let d = 0; d < days; d++) {
    const day = isoDay(new Date(since.getTime() + d * DAY));
    const ok = Math.round(3000 + (3000 * d) / days + 400 * Math.sin(d / 2));
    rows.push({ partnerId: ids.acme, day, routeGroup: "leads", statusClass: "2xx", count: Math.round(ok * 0.7) });
    rows.push({ partnerId: ids.acme, day, routeGroup: "policies", statusClass: "2xx", count: Math.round(ok * 0.3) });
    rows.push({ partnerId: ids.acme, day, routeGroup: "leads", statusClass: "4xx", count: Math.round(ok * 0.04) });
  }
  await db.insert(usageCounters).values(rows).onConflictDoNothing();

  for (const back of [2, 1]) {
    const period = addMonths(thisPeriod, -back);
    // Issued at that month end, as the scheduled run would have.
    const monthEnd = periodBounds(addMonths(period, 1)).start;
    await runToCompletion(db, await ensureMonthEndRun(db, "invoices", period), { now: monthEnd });
    await runToCompletion(db, await ensureMonthEndRun(db, "payouts", period), { now: monthEnd });
    if (back === 2) {
      // The older month is settled: invoices paid by ACH, payouts sent.
      const paidAt = new Date(monthEnd.getTime() + 12 * DAY);
      await db
        .update(invoices)
        .set({ status: "paid", paidAt, paymentReference: sql`'ACH-' || substr(${invoices.number}, 5)` })
        .where(and(eq(invoices.period, period), inArray(invoices.status, ["open", "overdue"])));
      await db
        .update(payouts)
        .set({ status: "paid", paidAt, reference: sql`'PO-' || replace(${payouts.period}, '-', '') || '-' || substr(${payouts.id}::text, 1, 8)` })
        .where(and(eq(payouts.period, period), inArray(payouts.status, ["pending", "processing"])));
    }
  }
}
