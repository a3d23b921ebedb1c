import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { BillingRunRow } from "@/lib/billing/run-kind";
import { calculateInvoice, type BillingPlan } from "@/lib/billing/invoice-calculation";
import { calculatePayout, installDaysIn, type ListingInstalls } from "@/lib/billing/payouts/payout-calculation";
import { periodBounds, type Period } from "@/lib/billing/period";
import { config } from "@/lib/config";
import { rowsOf } from "@/lib/db/rows";
import { partnerIdOf } from "./billing-data";

// Checks the month-end run's documents against a recomputation that shares
// nothing with the run but the pure calculations: plans and installs read with
// SQL of its own, billable calls from the baseline statement (all partners)
// and from one statement per partner (the sample), install-days by the JS day
// rule rather than the run's SQL one.

export type Verdict = { ok: boolean; what: string; detail?: string };

const SAMPLE = 20;
type Num = number | string;

type PlanRow = {
  id: string;
  partner_id: string;
  model: BillingPlan["model"];
  currency: string;
  revenue_share_bps: Num;
  flat_fee_cents: Num | null;
  flat_fee_interval: "month" | "year";
  included_calls: Num;
  tiers: BillingPlan["tiers"] | string | null;
  tier_mode: "graduated" | "volume";
  minimum_cents: Num;
  tax_rate_bps: Num;
  effective_ms: Num;
};

async function allPlans(db: Db): Promise<Map<string, BillingPlan[]>> {
  const rows = rowsOf<PlanRow>(await db.execute(sql`select *, (extract(epoch from effective_from) * 1000)::bigint as effective_ms from pricing_plans where partner_id is not null order by partner_id, effective_from`));
  const out = new Map<string, BillingPlan[]>();
  for (const r of rows) {
    const plan: BillingPlan = {
      id: r.id,
      model: r.model,
      currency: r.currency,
      revenueShareBps: Number(r.revenue_share_bps),
      flatFeeCents: r.flat_fee_cents === null ? null : Number(r.flat_fee_cents),
      flatFeeInterval: r.flat_fee_interval,
      includedCalls: Number(r.included_calls),
      tiers: typeof r.tiers === "string" ? JSON.parse(r.tiers) : r.tiers,
      tierMode: r.tier_mode,
      minimumCents: Number(r.minimum_cents),
      taxRateBps: Number(r.tax_rate_bps),
      effectiveFrom: new Date(Number(r.effective_ms)),
    };
    out.set(r.partner_id, [...(out.get(r.partner_id) ?? []), plan]);
  }
  return out;
}

/** `n` ids spread evenly over the sorted list. */
const spread = (ids: string[], n: number) => (ids.length <= n ? ids : Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)]));

async function verifyInvoices(db: Db, period: Period, billable: Map<string, number>, plans: Map<string, BillingPlan[]>, run: BillingRunRow | null): Promise<Verdict[]> {
  const out: Verdict[] = [];
  const b = periodBounds(period);
  const [agg] = rowsOf<Record<string, Num>>(
    await db.execute(sql`
      select count(*) as n, count(distinct partner_id) as partners, count(distinct number) as numbers,
        min(substring(number from '[0-9]+$')::bigint) as lo, max(substring(number from '[0-9]+$')::bigint) as hi,
        coalesce(sum(total_cents), 0) as total,
        count(*) filter (where number !~ ${`^PRT-${period.replace("-", "")}-[0-9]{6,}$`}) as misnumbered,
        count(*) filter (where total_cents <> (select coalesce(sum(amount_cents), 0) from invoice_line_items li where li.invoice_id = invoices.id) + tax_cents) as unbalanced
      from invoices where period = ${period}`),
  );
  const n = Number(agg.n);
  // Every partner with a plan, priced from the baseline's calls.
  let expected = 0;
  let expectedTotal = 0;
  for (const [id, list] of plans) {
    const inv = calculateInvoice({ period, plans: list, billableCalls: billable.get(id) ?? 0 });
    if (inv) {
      expected++;
      expectedTotal += inv.totalCents;
    }
  }
  out.push({ ok: n === expected && Number(agg.partners) === n, what: "invoices = partners whose plan and usage give lines, one each", detail: `${n} invoices for ${agg.partners} partners; expected ${expected}` });
  const lo = Number(agg.lo);
  const hi = Number(agg.hi);
  out.push({ ok: n > 0 && hi - lo + 1 === n && Number(agg.numbers) === n && Number(agg.misnumbered) === 0, what: "numbers gapless and unique (max − min + 1 = count)", detail: `${lo}…${hi}, ${agg.numbers} distinct, ${agg.misnumbered} not PRT-${period.replace("-", "")}-NNNNNN` });
  out.push({ ok: Number(agg.total) === expectedTotal, what: "Σ totals = the recomputation over every partner", detail: `${Number(agg.total)} vs ${expectedTotal} cents` });
  out.push({ ok: Number(agg.unbalanced) === 0, what: "each invoice's total = Σ its lines + tax", detail: `${agg.unbalanced} unbalanced` });
  out.push({
    ok: run?.status === "succeeded" && run.createdCount === n && Number(run.amountCents) === Number(agg.total),
    what: "the run's counters match its documents",
    detail: `status ${run?.status}, created ${run?.createdCount}, amount ${run?.amountCents}`,
  });

  // The sample: spread over the partners invoiced, plus three who changed plan mid-period.
  const invoiced = rowsOf<{ partner_id: string }>(await db.execute(sql`select partner_id from invoices where period = ${period} order by partner_id`)).map((r) => r.partner_id);
  const changed = [7, 57, 107].map(partnerIdOf).filter((id) => invoiced.includes(id));
  const sample = [...changed, ...spread(invoiced.filter((id) => !changed.includes(id)), SAMPLE - changed.length)];
  const bad: string[] = [];
  let sampleDb = 0;
  let sampleCalc = 0;
  for (const id of sample) {
    const [{ calls }] = rowsOf<{ calls: Num }>(
      await db.execute(sql`select coalesce(sum(count), 0)::bigint as calls from usage_counters
        where partner_id = ${id}::uuid and day >= ${b.firstDay}::date and day <= ${b.lastDay}::date and status_class = '2xx'`),
    );
    const want = calculateInvoice({ period, plans: plans.get(id) ?? [], billableCalls: Number(calls) });
    const [got] = rowsOf<{ id: string; subtotal_cents: Num; tax_cents: Num; total_cents: Num }>(
      await db.execute(sql`select id, subtotal_cents, tax_cents, total_cents from invoices where partner_id = ${id}::uuid and period = ${period} and status <> 'void'`),
    );
    const lines = rowsOf<{ kind: string; amount_cents: Num; quantity: Num }>(
      await db.execute(sql`select kind, amount_cents, quantity from invoice_line_items where invoice_id = ${got.id}::uuid order by position`),
    );
    sampleDb += Number(got.total_cents);
    sampleCalc += want?.totalCents ?? 0;
    const same =
      want !== null &&
      Number(got.subtotal_cents) === want.subtotalCents &&
      Number(got.tax_cents) === want.taxCents &&
      Number(got.total_cents) === want.totalCents &&
      lines.length === want.lines.length &&
      lines.every((l, i) => l.kind === want.lines[i].kind && Number(l.amount_cents) === want.lines[i].amountCents && Number(l.quantity) === want.lines[i].quantity);
    if (!same) bad.push(`${id}: invoice ${got.total_cents} (${lines.length} lines) vs ${want?.totalCents} (${want?.lines.length} lines)`);
  }
  out.push({
    ok: bad.length === 0 && sampleDb === sampleCalc && sample.length === Math.min(SAMPLE, invoiced.length),
    what: `sample of ${sample.length} partners (${changed.length} with a mid-period plan change): every line, subtotal, tax and total = calculateInvoice on their own usage query`,
    detail: `Σ ${sampleDb} vs ${sampleCalc} cents${bad.length ? `; differs: ${bad.slice(0, 3).join("; ")}` : ""}`,
  });
  return out;
}

async function verifyPayouts(db: Db, period: Period, plans: Map<string, BillingPlan[]>, run: BillingRunRow | null): Promise<Verdict[]> {
  const out: Verdict[] = [];
  const installs = rowsOf<{ partner_id: string; listing_id: string; name: string; price: Num; connected_ms: Num | null; uninstalled_ms: Num | null }>(
    await db.execute(sql`
      select l.partner_id, l.id as listing_id, l.name, l.monthly_price_cents as price,
        (extract(epoch from i.connected_at) * 1000)::bigint as connected_ms, (extract(epoch from i.uninstalled_at) * 1000)::bigint as uninstalled_ms
      from listings l join integrations i on i.application_id = l.application_id
      where l.pricing_model = 'paid' and l.monthly_price_cents > 0`),
  );
  const byPartner = new Map<string, Map<string, ListingInstalls>>();
  for (const r of installs) {
    const days = installDaysIn(period, r.connected_ms === null ? null : new Date(Number(r.connected_ms)), r.uninstalled_ms === null ? null : new Date(Number(r.uninstalled_ms)));
    if (days <= 0) continue;
    const listings = byPartner.get(r.partner_id) ?? byPartner.set(r.partner_id, new Map()).get(r.partner_id)!;
    const l = listings.get(r.listing_id) ?? { listingId: r.listing_id, listingName: r.name, monthlyPriceCents: Number(r.price), installs: 0, installDays: 0 };
    l.installs++;
    l.installDays += days;
    listings.set(r.listing_id, l);
  }
  const minimumCents = config().PAYOUT_MINIMUM_CENTS;
  const expected = new Map([...byPartner].map(([id, listings]) => [id, calculatePayout({ period, listings: [...listings.values()], plans: plans.get(id) ?? [], carriedInCents: 0, minimumCents })]));
  const statements = rowsOf<{ partner_id: string; gross_cents: Num; platform_share_cents: Num; net_cents: Num; carried_out_cents: Num; payout_amount: Num | null }>(
    await db.execute(sql`
      select s.partner_id, s.gross_cents, s.platform_share_cents, s.net_cents, s.carried_out_cents, p.amount_cents as payout_amount
      from payout_statements s left join payouts p on p.id = s.payout_id where s.period = ${period}`),
  );
  const [{ payouts }] = rowsOf<{ payouts: Num }>(await db.execute(sql`select count(*) as payouts from payouts where period = ${period}`));
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
  const exp = [...expected.values()];
  out.push({
    ok: statements.length === expected.size && sum(statements, (s) => Number(s.gross_cents)) === sum(exp, (e) => e.grossCents) && sum(statements, (s) => Number(s.platform_share_cents)) === sum(exp, (e) => e.platformShareCents),
    what: "payout statements = partners with install-days in the period; Σ gross and Σ share recomputed (JS day rule)",
    detail: `${statements.length} statements vs ${expected.size}; gross ${sum(statements, (s) => Number(s.gross_cents))} vs ${sum(exp, (e) => e.grossCents)}; share ${sum(statements, (s) => Number(s.platform_share_cents))} vs ${sum(exp, (e) => e.platformShareCents)}`,
  });
  const paying = exp.filter((e) => e.payoutCents > 0);
  out.push({
    ok: Number(payouts) === paying.length && sum(statements, (s) => Number(s.payout_amount ?? 0)) === sum(paying, (e) => e.payoutCents),
    what: `payouts = statements whose net reaches the minimum (${minimumCents} cents); the rest carried forward`,
    detail: `${payouts} payouts vs ${paying.length}; Σ ${sum(statements, (s) => Number(s.payout_amount ?? 0))} vs ${sum(paying, (e) => e.payoutCents)} cents`,
  });
  const ids = spread(statements.map((s) => s.partner_id).sort(), SAMPLE);
  const bad = ids.filter((id) => {
    const s = statements.find((x) => x.partner_id === id)!;
    const e = expected.get(id);
    return !e || Number(s.gross_cents) !== e.grossCents || Number(s.platform_share_cents) !== e.platformShareCents || Number(s.net_cents) !== e.netCents || Number(s.carried_out_cents) !== e.carriedOutCents || Number(s.payout_amount ?? 0) !== e.payoutCents;
  });
  out.push({ ok: bad.length === 0 && ids.length > 0, what: `sample of ${ids.length} statements: gross, share, net, carried forward and payout exact`, detail: bad.length ? `differs: ${bad.slice(0, 3).join(", ")}` : undefined });
  out.push({ ok: run?.status === "succeeded" && run.createdCount === statements.length, what: "the payout run's counters match its statements", detail: `status ${run?.status}, created ${run?.createdCount}` });
  return out;
}

export async function verifyRun(
  db: Db,
  x: { period: Period; billable: Map<string, number>; invoiceRun: BillingRunRow | null; payoutRun: BillingRunRow | null },
): Promise<Verdict[]> {
  const plans = await allPlans(db);
  return [...(await verifyInvoices(db, x.period, x.billable, plans, x.invoiceRun)), ...(await verifyPayouts(db, x.period, plans, x.payoutRun))];
}
