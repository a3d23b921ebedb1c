import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { scopedPartnerId } from "../partner-scope";
import { addMonths, periodBounds, periodOf, type Period } from "../period";
import type { Forecast } from "../schemas";
import { loadForecastInputs } from "./forecast-inputs";
import { forecastPartner } from "./partner-forecast";
import { paceForMonth, type TrendBasis } from "./usage-trend";

const TREND_MONTHS = 3;
const HISTORY_MONTHS = 6;

/** Whose forecast: the caller's partner; for an admin the platform (null) or the partner named, which must exist. */
async function scopeOf(db: Db, principal: Principal, requested: string | undefined): Promise<string | null> {
  const partnerId = scopedPartnerId(principal, requested);
  if (!partnerId) return null;
  if (isAdmin(principal)) {
    const [p] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId));
    if (!p) throw new NotFound("Partner");
  }
  return partnerId;
}

/**
 * MRR, ARR and the months ahead (the current month first), for the caller's
 * partner or the whole platform, with the last closed months as issued. The
 * same reads and the same arithmetic for one partner or ten thousand: a fixed
 * number of statements, then one pure calculation per partner.
 */
export async function getForecast(db: Db, principal: Principal, q: { months: number; partnerId?: string }, now = new Date()): Promise<Forecast> {
  const partnerId = await scopeOf(db, principal, q.partnerId);
  const current = periodOf(now);
  const closed = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(current, i - TREND_MONTHS));
  const ahead = Array.from({ length: q.months }, (_, i) => addMonths(current, i));
  const past = Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(current, i - HISTORY_MONTHS));
  const inputs = await loadForecastInputs(db, { partnerId, usageFrom: closed[0], historyFrom: past[0], historyTo: past[past.length - 1], now });

  const b = periodBounds(current);
  const totals = ahead.map((period) => ({ period, invoicedCents: 0, payoutsCents: 0 }));
  const bases: Record<TrendBasis, number> = { trend: 0, latest: 0, pace: 0 };
  let mrrCents = 0;
  let callsAhead = 0;
  const ids = new Set([...inputs.plans.keys(), ...inputs.paidInstallsCents.keys()]);
  for (const id of ids) {
    const usage = inputs.usage.get(id);
    // Months before the partner's first billable traffic are not zeros to fit a line through.
    const first = closed.findIndex((p) => usage?.has(p));
    const closedCalls = first < 0 ? [] : closed.slice(first).map((p) => usage?.get(p) ?? 0);
    const f = forecastPartner(
      {
        plans: inputs.plans.get(id) ?? [],
        closedCalls,
        paceCalls: paceForMonth(usage?.get(current) ?? 0, now.getTime() - b.start.getTime(), b.days),
        paidInstallsCents: inputs.paidInstallsCents.get(id) ?? 0,
      },
      ahead,
    );
    f.months.forEach((m, i) => {
      totals[i].invoicedCents += m.invoicedCents;
      totals[i].payoutsCents += m.payoutsCents;
    });
    mrrCents += f.mrrCents;
    callsAhead += f.months[0]?.billableCalls ?? 0;
    if (inputs.plans.has(id)) bases[f.basis]++;
  }

  return {
    mrrCents,
    arrCents: 12 * mrrCents,
    method: describeMethod({ partnerId, closed, current, bases, callsAhead }),
    months: totals,
    history: past.map((period) => ({ period, invoicedCents: 0, collectedCents: 0, payoutsCents: 0, ...inputs.history.get(period) })),
  };
}

function describeMethod(x: { partnerId: string | null; closed: Period[]; current: Period; bases: Record<TrendBasis, number>; callsAhead: number }): string {
  const n = new Intl.NumberFormat("en-US");
  const who = x.partnerId ? "this partner" : "each partner (the platform's figures are the sum of its partners')";
  const planned = x.bases.trend + x.bases.latest + x.bases.pace;
  const basis = x.partnerId
    ? { trend: "a trend through its closed months", latest: "its only closed month", pace: "this month's pace" }[(Object.keys(x.bases) as TrendBasis[]).find((k) => x.bases[k] > 0) ?? "pace"]
    : `a trend for ${n.format(x.bases.trend)}, one closed month for ${n.format(x.bases.latest)}, this month's pace for ${n.format(x.bases.pace)}`;
  return [
    `Months ahead start with the current one (${x.current}).`,
    `Invoiced: for ${who}, the invoice calculateInvoice would issue for the month with the plan history as it stands (pricing_plans: flat fees prorated by days, annual fees in the months they fall due, tiers, minimum, tax) and the projected billable calls.`,
    `Projected billable calls: 2xx calls from usage_counters in the last ${x.closed.length} closed months (${x.closed[0]} to ${x.closed[x.closed.length - 1]}), through which a least-squares line is extended month by month, rounded to whole calls and clamped at 0; months before a partner's first month with a 2xx counter are left out; with one closed month its calls are repeated; with none, this month's calls so far are scaled to the whole month.`,
    `Payouts: the monthly prices of active paid installs (connected, not uninstalled, of paid listings) less the platform's revenue share (revenueShareBps of the plan in force on the month's last day), rounded once per partner.`,
    `MRR: the first month's invoice with annual fees counted as a twelfth a month, plus the platform's share of active paid installs; ARR = 12 × MRR.`,
    `History: the last 6 closed months as issued: invoiced = totals of non-void invoices, collected = those paid, payouts = amounts of payouts not failed.`,
    `Basis: ${planned ? `${n.format(planned)} partner(s) with a plan; calls projected from ${basis}` : "no partner with a plan"}; ${n.format(x.callsAhead)} billable calls projected for ${x.current}.`,
  ].join(" ");
}
