import type { Db } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { Invalid, NotFound } from "@/lib/errors";
import { scopedPartnerId } from "./partner-scope";
import { billableCallsByPartner } from "./billable-calls";
import { calculateInvoice, planOnDay } from "./invoice-calculation";
import { isoDay, periodBounds, periodOf, startOfDay } from "./period";
import { planHistory } from "./pricing-plans";
import type { UpcomingInvoice } from "./schemas";

/**
 * The invoice the current period would produce with the usage so far (no
 * number, nothing stored), and where the period is heading: calls per elapsed
 * day × days in the period, priced the same way.
 */
export async function upcomingInvoice(db: Db, principal: Principal, q: { partnerId?: string }, now = new Date()): Promise<UpcomingInvoice> {
  const partnerId = scopedPartnerId(principal, q.partnerId);
  if (!partnerId) throw new Invalid("Name the partner", [{ path: "partnerId", message: "an admin names the partner whose upcoming invoice to compute" }]);
  const period = periodOf(now);
  const b = periodBounds(period);
  const [plans, calls] = await Promise.all([
    planHistory(db, partnerId),
    billableCallsByPartner(db, { from: b.firstDay, to: isoDay(now), partnerIds: [partnerId] }),
  ]);
  const plan = planOnDay(plans, startOfDay(now)) ?? plans.at(-1);
  if (!plan) throw new NotFound("Pricing plan");
  const billableCalls = calls.get(partnerId) ?? 0;
  const inv = calculateInvoice({ period, plans, billableCalls });
  const elapsedDays = Math.max(1, Math.round((startOfDay(now).getTime() - b.start.getTime()) / 86_400_000) + 1);
  const projectedCalls = Math.round((billableCalls * b.days) / elapsedDays);
  const projected = calculateInvoice({ period, plans, billableCalls: projectedCalls });
  return {
    partnerId,
    period,
    currency: inv?.currency ?? plan.currency,
    lines: inv?.lines ?? [],
    subtotalCents: inv?.subtotalCents ?? 0,
    taxCents: inv?.taxCents ?? 0,
    totalCents: inv?.totalCents ?? 0,
    billableCalls,
    includedCalls: plan.includedCalls,
    includedCallsLeft: Math.max(0, plan.includedCalls - billableCalls),
    projected: {
      billableCalls: projectedCalls,
      totalCents: projected?.totalCents ?? 0,
      method: `${billableCalls.toLocaleString("en-US")} billable calls in ${elapsedDays} of ${b.days} days, extended at the same daily pace and priced with the current plan`,
    },
    asOf: now.toISOString(),
  };
}
