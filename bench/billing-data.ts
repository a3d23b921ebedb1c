import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { PlanTier } from "@/db/schema/billing";
import { rowsOf } from "@/lib/db/rows";
import { addMonths, periodBounds, type Period } from "@/lib/billing/period";
import type { PricingModel } from "@/lib/billing/schemas";
import { rng } from "./search/data";

// The billing benchmark's platform: partners on mixed plans, a month of usage
// counters and paid installs, written set-based (generate_series, and
// jsonb_to_recordset for the plans generated here), never row by row.
// Deterministic: partner n's id is uuidOf('bench-partner-' + n) both here and in
// SQL (idOf), and every count is arithmetic on n, the day and the route group.

export const ROUTE_GROUPS = ["leads", "policies", "claims", "events", "marketplace"] as const;
export const USAGE_DAYS = 30;

export type Scale = {
  partners: number;
  /** Paid installs (the issue: 20,000 for 10,000 partners). */
  paidInstalls: number;
};

/** A fifth of the partners sell one paid app each. */
export const paidPartnerCount = (s: Scale) => Math.floor(s.partners / 5);
/** A tenth of the partners sell one free app each (its installs pay nothing). */
export const freePartnerCount = (s: Scale) => Math.floor(s.partners / 10);
export const accountCount = (s: Scale) => Math.max(1, Math.ceil(s.paidInstalls / 2));
export const freeInstallCount = (s: Scale) => Math.floor(s.paidInstalls / 10);

/** A version-4-shaped uuid from the md5 of `text` (the API's schemas accept only RFC 9562 ids). */
export function uuidOf(text: string): string {
  const h = createHash("md5").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}
/** uuidOf in SQL, of a text expression. */
const idOf = (expr: string) => sql.raw(`overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`);
export const partnerIdOf = (n: number) => uuidOf(`bench-partner-${n}`);

/** The most recent closed month with at least USAGE_DAYS days: the period the month-end run bills. */
export function benchPeriod(now: Date): Period {
  let p = addMonths(`${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`, -1);
  while (periodBounds(p).days < USAGE_DAYS) p = addMonths(p, -1);
  return p;
}

type PlanRow = {
  n: number;
  model: PricingModel;
  revenue_share_bps: number;
  flat_fee_cents: number | null;
  flat_fee_interval: "month" | "year";
  included_calls: number;
  tiers: PlanTier[] | null;
  tier_mode: "graduated" | "volume";
  minimum_cents: number;
  tax_rate_bps: number;
  effective_from: string;
};

const TIER_SETS: PlanTier[][] = [
  [
    { upTo: 100_000, unitAmountCentsPer1000: 50 },
    { upTo: 1_000_000, unitAmountCentsPer1000: 30 },
    { upTo: null, unitAmountCentsPer1000: 10 },
  ],
  [{ upTo: null, unitAmountCentsPer1000: 25 }],
  [
    { upTo: 50_000, unitAmountCentsPer1000: 100, flatAmountCents: 500 },
    { upTo: 500_000, unitAmountCentsPer1000: 60 },
    { upTo: null, unitAmountCentsPer1000: 40, flatAmountCents: 1000 },
  ],
];
const MODELS: PricingModel[] = ["revenue_share", "flat_fee", "usage_based", "hybrid"];
const DAY = 86_400_000;

/**
 * Partner n's plan history: one plan long in force (all four models, graduated
 * and volume tiers, some annual fees, minimums and tax), and for one partner
 * in fifty a second plan taking effect mid-period.
 */
export function generatePlans(s: Scale, period: Period): PlanRow[] {
  const b = periodBounds(period);
  const rows: PlanRow[] = [];
  for (let n = 1; n <= s.partners; n++) {
    const r = rng(n * 7919 + 17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const model = MODELS[(n + Math.floor(r() * 4)) % 4];
    const flat = model === "flat_fee" || model === "hybrid";
    const usage = model === "usage_based" || model === "hybrid";
    const annual = flat && r() < 0.15;
    const sellsPaid = n % 5 === 0;
    let effectiveFrom = new Date(b.start.getTime() - (30 + Math.floor(r() * 700)) * DAY);
    // Annual fees fall in their plan's first month and every 12 months after: some this period, most not.
    if (annual) effectiveFrom = pick([b.start, new Date(Date.UTC(b.start.getUTCFullYear() - 1, b.start.getUTCMonth(), 1)), new Date(b.start.getTime() - 150 * DAY)]);
    const monthlyFee = pick([4900, 9900, 19900, 29900, 49900]);
    const plan: PlanRow = {
      n,
      model,
      revenue_share_bps: model === "revenue_share" || sellsPaid ? pick([1500, 2000, 2500, 3000]) : 0,
      flat_fee_cents: flat ? (annual ? monthlyFee * 10 : monthlyFee) : null,
      flat_fee_interval: annual ? "year" : "month",
      included_calls: usage ? pick([0, 10_000, 50_000, 100_000]) : 0,
      tiers: usage ? pick(TIER_SETS) : null,
      tier_mode: usage && r() < 0.3 ? "volume" : "graduated",
      minimum_cents: r() < 0.2 ? pick([10_000, 25_000, 50_000]) : 0,
      tax_rate_bps: r() < 0.3 ? pick([825, 1900, 2000]) : 0,
      effective_from: effectiveFrom.toISOString(),
    };
    rows.push(plan);
    if (n % 50 === 7) {
      // An upgrade on day 11–20 of the period: the old plan's fee for its days, the new one's for the rest.
      rows.push({
        ...plan,
        model: "hybrid",
        flat_fee_cents: 19_900 + (n % 3) * 10_000,
        flat_fee_interval: "month",
        included_calls: 50_000,
        tiers: TIER_SETS[n % 3],
        tier_mode: n % 4 === 3 ? "volume" : "graduated",
        effective_from: new Date(b.start.getTime() + (10 + (n % 10)) * DAY).toISOString(),
      });
    }
  }
  return rows;
}

type Step = (name: string, f: () => Promise<unknown>) => Promise<void>;

/** Drops the table's secondary indexes (not constraints), runs `load`, rebuilds them: faster than maintaining them row by row. */
async function withoutIndexes(db: Db, tables: string[], step: Step, load: () => Promise<void>) {
  const indexes = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`
      select indexname as name, indexdef as def from pg_indexes i
      where schemaname = 'public' and tablename in ${sql.raw(`(${tables.map((t) => `'${t}'`).join(", ")})`)}
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`),
  );
  for (const i of indexes) await db.execute(sql.raw(`drop index "${i.name}"`));
  await load();
  await step(`rebuild ${indexes.length} indexes of ${tables.join(", ")}`, async () => {
    for (const i of indexes) await db.execute(sql.raw(i.def));
  });
}

/** Writes the whole dataset; returns the period its usage is in. */
export async function loadBillingData(db: Db, s: Scale, period: Period, log: (line: string) => void) {
  const b = periodBounds(period);
  const step: Step = async (name, f) => {
    const t0 = performance.now();
    await f();
    log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  const paid = paidPartnerCount(s);
  const free = freePartnerCount(s);
  const accounts = accountCount(s);

  await step(`${s.partners} partners`, () =>
    db.execute(sql`
      insert into partners (id, name, slug, status, type, created_at)
      select ${idOf("'bench-partner-' || n")}, 'Bench partner ' || n, 'bench-partner-' || n, 'active', 'technology', ${b.start.toISOString()}::timestamptz - interval '800 days'
      from generate_series(1, ${s.partners}) n`),
  );

  const plans = generatePlans(s, period);
  await step(`${plans.length} pricing plans (${plans.length - s.partners} mid-period changes)`, async () => {
    for (let i = 0; i < plans.length; i += 5000) {
      await db.execute(sql`
        insert into pricing_plans (partner_id, model, revenue_share_bps, flat_fee_cents, flat_fee_interval, included_calls, tiers, tier_mode, minimum_cents, tax_rate_bps, effective_from)
        select ${idOf("'bench-partner-' || n")}, model::pricing_model, revenue_share_bps, flat_fee_cents, flat_fee_interval, included_calls, tiers, tier_mode, minimum_cents, tax_rate_bps, effective_from
        from jsonb_to_recordset(${JSON.stringify(plans.slice(i, i + 5000))}::jsonb)
          as x(n int, model text, revenue_share_bps int, flat_fee_cents bigint, flat_fee_interval text, included_calls bigint, tiers jsonb, tier_mode text, minimum_cents bigint, tax_rate_bps int, effective_from timestamptz)`);
    }
  });

  // 30 days × 5 route groups × {2xx, 4xx} per partner. Partner n's 2xx counts per day and
  // group are pseudo-random in [0, scale_n) with scale_n between 1 and 20,000 (monthly
  // billable calls from 0 to about 1.5 M: every tier is reached); one partner in twenty
  // made no successful call at all. 4xx: a tenth of that.
  const usageRows = s.partners * USAGE_DAYS * ROUTE_GROUPS.length * 2;
  await withoutIndexes(db, ["usage_counters"], step, () =>
    step(`${usageRows.toLocaleString("en-US")} usage counters`, async () => {
      const CHUNK = 1000;
      for (let from = 1; from <= s.partners; from += CHUNK) {
        const to = Math.min(s.partners, from + CHUNK - 1);
        await db.execute(sql`
          with p as materialized (
            select n, ${idOf("'bench-partner-' || n")} as id,
              case when n % 20 = 3 then 0 else 1 + (n::bigint * 7919) % 20000 end as scale
            from generate_series(${from}::int, ${to}::int) n)
          insert into usage_counters (partner_id, credential_type, credential_id, day, route_group, status_class, count, created_at, updated_at)
          select p.id, 'api_key', 'bench-key-' || p.n, ${b.firstDay}::date + d, g.name, c.cls,
            ((p.n::bigint * 2654435761 + d * 40503 + g.k * 9973 + c.k * 7) % 1000003) * (case when c.k = 2 then p.scale else p.scale / 10 end) / 1000003,
            ${b.start.toISOString()}::timestamptz + d * interval '1 day', ${b.start.toISOString()}::timestamptz + d * interval '1 day'
          from p
          cross join generate_series(0, ${USAGE_DAYS - 1}) d
          cross join (values ${sql.raw(ROUTE_GROUPS.map((g, i) => `(${i + 1}, '${g}')`).join(", "))}) g(k, name)
          cross join (values (2, '2xx'), (4, '4xx')) c(k, cls)`);
      }
    }),
  );

  await step(`${accounts} customer accounts`, () =>
    db.execute(sql`
      insert into accounts (id, name, slug)
      select ${idOf("'bench-account-' || n")}, 'Bench agency ' || n, 'bench-agency-' || n from generate_series(0, ${accounts - 1}) n`),
  );

  // App m (1..paid) belongs to partner 5m and is listed at a price; app m (paid+1..paid+free) to partner 10(m−paid)−9, free.
  await step(`${paid} paid + ${free} free apps and listings`, () =>
    db.execute(sql`
      with a as (
        select m, ${idOf("'bench-app-' || m")} as id, ${idOf("'bench-listing-' || m")} as listing_id,
          ${idOf(`'bench-partner-' || case when m <= ${paid} then 5 * m else 10 * (m - ${paid}) - 9 end`)} as partner_id,
          m <= ${paid} as paid
        from generate_series(1, ${paid + free}) m),
      apps as (
        insert into applications (id, partner_id, name, slug, status, published_at)
        select id, partner_id, 'Bench app ' || m, 'bench-app-' || m, 'published', ${b.start.toISOString()}::timestamptz - interval '400 days' from a)
      insert into listings (id, partner_id, application_id, slug, name, pricing_model, monthly_price_cents, status, published_at)
      select listing_id, partner_id, id, 'bench-app-' || m, 'Bench app ' || m,
        case when paid then 'paid' else 'free' end,
        case when paid then (array[900, 1900, 2900, 4900, 9900])[1 + m % 5] end,
        'published', ${b.start.toISOString()}::timestamptz - interval '400 days'
      from a`),
  );

  // Paid install i (1..paidInstalls): app 1 + (7i + ⌊i/accounts⌋) mod paid, account i mod accounts
  // (never the same pair twice while installed). Half were connected before the period (a whole
  // month), half during it, spread over its seconds; one in ten is uninstalled 1–15 days after the
  // period's start or its install; one in twenty was installed and uninstalled before the period.
  const installs = s.paidInstalls + freeInstallCount(s);
  await withoutIndexes(db, ["integrations"], step, () =>
    step(`${s.paidInstalls} paid + ${freeInstallCount(s)} free installs`, () =>
      db.execute(sql`
        with i as (
          select i, i > ${s.paidInstalls} as free,
            case when i <= ${s.paidInstalls} then 1 + (7 * i + i / ${accounts}) % ${paid} else ${paid} + 1 + i % ${Math.max(free, 1)} end as m,
            i % ${accounts} as acct
          from generate_series(1, ${installs}) i),
        t as (
          select i.*,
            case
              when i % 20 = 7 then ${b.start.toISOString()}::timestamptz - ((i % 90) + 60) * interval '1 day'
              when i % 2 = 0 then ${b.start.toISOString()}::timestamptz - ((i * 37) % 200 + 1) * interval '1 day'
              else ${b.start.toISOString()}::timestamptz + ((i::bigint * 7919) % ${b.days * 86400}) * interval '1 second'
            end as connected_at
          from i),
        u as (
          select t.*,
            case
              when i % 20 = 7 then connected_at + interval '30 days'
              when i % 10 = 3 then least(greatest(connected_at, ${b.start.toISOString()}::timestamptz) + ((i % 15) + 1) * interval '1 day', ${b.end.toISOString()}::timestamptz - interval '1 second')
            end as uninstalled_at
          from t)
        insert into integrations (account_id, application_id, listing_id, partner_id, status, connected_at, uninstalled_at, created_at, updated_at)
        select ${idOf("'bench-account-' || acct")}, ${idOf("'bench-app-' || m")}, ${idOf("'bench-listing-' || m")},
          ${idOf(`'bench-partner-' || case when m <= ${paid} then 5 * m else 10 * (m - ${paid}) - 9 end`)},
          (case when uninstalled_at is null then 'active' else 'disconnected' end)::integration_status,
          connected_at, uninstalled_at, connected_at, coalesce(uninstalled_at, connected_at)
        from u`),
    ),
  );

  await step("vacuum analyze", async () => {
    for (const t of ["partners", "pricing_plans", "usage_counters", "accounts", "applications", "listings", "integrations"]) await db.execute(sql.raw(`vacuum analyze ${t}`));
  });
  return { plans: plans.length, usageRows, installs };
}

/** The baseline: one statement summing the period's billable (2xx) calls per partner. */
export function baselineStatement(period: Period) {
  const b = periodBounds(period);
  return sql`select partner_id, sum(count)::bigint as calls from usage_counters
    where day >= ${b.firstDay}::date and day <= ${b.lastDay}::date and status_class = '2xx'
    group by partner_id`;
}
