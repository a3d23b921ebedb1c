import { sql } from "drizzle-orm";
import { openDb, setDbForTests, type Db, type OpenedDb } from "@/db";
import { seed } from "@/db/seed";
import type { Principal } from "@/lib/auth/principal";
import { createRun, runToCompletion } from "@/lib/billing/billing-runs";
import { getForecast } from "@/lib/billing/forecast/get-forecast";
import { rowsOf } from "@/lib/db/rows";
import { accountCount, baselineStatement, benchPeriod, freeInstallCount, loadBillingData, paidPartnerCount, type Scale } from "./billing-data";
import { invoiceBreakdown, payoutReadBreakdown } from "./billing-breakdown";
import { verifyRun, type Verdict } from "./billing-verify";

// npm run bench:billing — the month-end run (invoices + payouts, written) on a synthetic
// platform, on Postgres and on PGlite.
//
// Data (bench/billing-data.ts): BENCH_PARTNERS partners (10,000) on mixed plans, 30 days × 5
// route groups × {2xx, 4xx} of usage counters each (3,000,000 rows), BENCH_INSTALLS paid
// installs (20,000) of a fifth of the partners' paid listings, plus free installs.
// Baseline, in the same run: one statement summing the period's 2xx calls per partner (the
// aggregation every invoice needs; median of 3 after a warm-up). Product: the invoice run then
// the payout run, each created as a billing_runs row and driven by runToCompletion, as the
// month-end job does. Peak RSS is sampled every 100 ms during the run. The result is checked
// (bench/billing-verify.ts), then both runs are repeated: they must create nothing.
// Targets (Postgres): full run < 30 s, ≤ 20 × the baseline, RSS ≤ 500 MB.
//
// BENCH_DRIVERS ("postgres,pglite"), BENCH_POSTGRES_URL (else DATABASE_URL, else
// postgres://postgres@127.0.0.1:5432/postgres: the server on which a database
// bench_billing_<ts> is created, then dropped), BENCH_PGLITE_PARTNERS / BENCH_PGLITE_INSTALLS
// (a smaller scale for PGlite), BENCH_PGLITE_THREAD (1), BENCH_BREAKDOWN (0: skip the replay that
// shows where the run's time goes), BENCH_KEEP (1: keep the Postgres database).

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const INSTALLS = Number(process.env.BENCH_INSTALLS ?? 20_000);
// PGlite runs at full scale too (about 2 minutes here, load included); it holds the whole
// database in this process's memory, so its RSS is reported but not held to the target.
const PGLITE_PARTNERS = Number(process.env.BENCH_PGLITE_PARTNERS ?? PARTNERS);
const PGLITE_INSTALLS = Number(process.env.BENCH_PGLITE_INSTALLS ?? Math.round((INSTALLS * PGLITE_PARTNERS) / PARTNERS));
const DRIVERS = (process.env.BENCH_DRIVERS ?? "postgres,pglite").split(",").map((s) => s.trim());
const PG = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PGLITE_THREAD = process.env.BENCH_PGLITE_THREAD !== "0";
const TARGET_SECONDS = 30;
const TARGET_RATIO = 20;
const TARGET_RSS_MB = 500;

const log = (s = "") => console.log(s);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const int = (n: number) => n.toLocaleString("en-US");
const mb = (bytes: number) => bytes / 1024 / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const admin: Principal = { type: "session", userId: null, partnerId: null, partnerRole: null, accountId: null, isPlatformAdmin: true, scopes: ["admin"], credentialId: null };

type Target = { opened: OpenedDb; label: string; drop: () => Promise<void>; progress: ((runId: string) => Promise<number>) | null };

async function openTarget(driver: string): Promise<Target> {
  if (driver === "postgres") {
    const { default: postgres } = await import("postgres");
    const server = postgres(PG, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    const name = `bench_billing_${Date.now()}`;
    await server.unsafe(`create database ${name}`);
    const url = new URL(PG);
    url.pathname = `/${name}`;
    try {
      const opened = await openDb({ url: url.toString() });
      // Progress is read on a connection of its own, so sampling never waits behind the run's pool.
      const watcher = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const [{ version }] = await server.unsafe<{ version: string }[]>("select current_setting('server_version') as version");
      return {
        opened,
        label: `Postgres ${version.split(" ")[0]} (database ${name}, postgres.js pool of 10)`,
        progress: async (runId) => Number((await watcher.unsafe<{ n: number }[]>("select processed_partners as n from billing_runs where id = $1", [runId]))[0]?.n ?? 0),
        drop: async () => {
          await watcher.end();
          await opened.close();
          if (process.env.BENCH_KEEP === "1") log(`  kept database ${name} (BENCH_KEEP=1): drop it with \`drop database ${name}\``);
          else await server.unsafe(`drop database if exists ${name} with (force)`);
          await server.end();
        },
      };
    } catch (err) {
      await server.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await server.end();
      throw err;
    }
  }
  const opened = await openDb({ thread: PGLITE_THREAD });
  return {
    opened,
    label: `PGlite in memory (${PGLITE_THREAD ? "on its own thread, as the app runs it" : "on the main thread"})`,
    // One connection: a sample would wait behind the run's statements and time nothing.
    progress: null,
    drop: () => opened.close(),
  };
}

type Point = { ms: number; run: string; done: number };

/** Peak RSS sampled every 100 ms, and the progress (partners done) of the run `current()` names, while `f` runs. */
async function sampled<T>(f: () => Promise<T>, current: () => string, progress: ((runId: string) => Promise<number>) | null) {
  let peak = process.memoryUsage().rss;
  const points: Point[] = [];
  const t0 = performance.now();
  let reading = false;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    if (reading || !progress) return;
    reading = true;
    const run = current();
    progress(run)
      .then((done) => {
        const last = points.findLast((p) => p.run === run);
        if (!last || last.done !== done) points.push({ ms: performance.now() - t0, run, done });
      })
      .catch(() => {})
      .finally(() => (reading = false));
  }, 100);
  try {
    const result = await f();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms: performance.now() - t0, peakRss: peak, points };
  } finally {
    clearInterval(timer);
  }
}

/** Time per batch of a run, from the progress samples (a batch shows when processed_partners moves). */
function batchTimes(all: Point[], run: string, startMs: number): string {
  const points = all.filter((p) => p.run === run);
  if (points.length < 2) return "too few progress samples (PGlite: not sampled, one connection)";
  const steps = points.map((p, i) => ({ ms: p.ms - (i ? points[i - 1].ms : startMs), partners: p.done - (i ? points[i - 1].done : 0) })).filter((x) => x.partners > 0);
  const per = steps.map((x) => (x.ms * 500) / x.partners);
  return `${steps.length} progress steps sampled; per 500 partners: median ${fmt(median(per), 0)} ms, slowest ${fmt(Math.max(...per), 0)} ms`;
}

type Summary = { label: string; failed: boolean; lines: string[] };

async function benchDriver(driver: string): Promise<Summary> {
  const scale: Scale = driver === "pglite" ? { partners: PGLITE_PARTNERS, paidInstalls: PGLITE_INSTALLS } : { partners: PARTNERS, paidInstalls: INSTALLS };
  const tOpen = performance.now();
  const target = await openTarget(driver);
  const db: Db = target.opened.db;
  const short = target.label.split(" (")[0];
  log(`\n━━ ${target.label}`);
  const reduced = scale.partners !== PARTNERS ? ` (reduced scale, BENCH_PGLITE_PARTNERS=${scale.partners}: not the issue's ${int(PARTNERS)})` : "";
  log(`scale: ${int(scale.partners)} partners${reduced}`);
  try {
    await seed(db, { demo: false }); // the event catalog (billing.invoice_generated) and nothing else
    const period = benchPeriod(new Date());
    log(`opened and migrated in ${fmt((performance.now() - tOpen) / 1000)} s; loading the data for ${period}…`);
    const tLoad = performance.now();
    const loaded = await loadBillingData(db, scale, period, log);
    log(`  loaded in ${fmt((performance.now() - tLoad) / 1000)} s`);
    const [sizes] = rowsOf<Record<string, string>>(
      await db.execute(sql`select
        (select count(*) from partners)::text as partners, (select count(*) from pricing_plans)::text as plans,
        (select count(*) from usage_counters)::text as counters, (select count(*) from integrations)::text as installs,
        pg_size_pretty(pg_total_relation_size('usage_counters')) as usage_size`),
    );
    log(
      `  dataset: ${int(Number(sizes.partners))} partners, ${int(Number(sizes.plans))} plans, ${int(Number(sizes.counters))} usage counters (${sizes.usage_size} with indexes), ` +
        `${int(Number(sizes.installs))} installs (${int(scale.paidInstalls)} paid over ${int(paidPartnerCount(scale))} paid listings, ${int(freeInstallCount(scale))} free; ${int(accountCount(scale))} accounts)`,
    );
    if (Number(sizes.counters) !== loaded.usageRows) throw new Error(`expected ${loaded.usageRows} usage counters, found ${sizes.counters}`);

    // Baseline: a warm-up, then the median of 3.
    const runBaseline = async () => {
      const t0 = performance.now();
      const rows = rowsOf<{ partner_id: string; calls: string | number }>(await db.execute(baselineStatement(period)));
      return { ms: performance.now() - t0, rows };
    };
    const cold = await runBaseline();
    const warm = [await runBaseline(), await runBaseline(), await runBaseline()];
    const baselineMs = median(warm.map((w) => w.ms));
    const billable = new Map(warm[0].rows.map((r) => [r.partner_id, Number(r.calls)]));
    log(`\nbaseline: one statement, the period's 2xx calls per partner (${int(billable.size)} rows): ${fmt(baselineMs)} ms (median of 3; first run ${fmt(cold.ms)} ms)`);

    // The month-end run.
    const invoiceRun = await createRun(db, { kind: "invoices", period });
    const payoutRun = await createRun(db, { kind: "payouts", period });
    setDbForTests(target.opened); // anything reaching for the process-wide database gets this one
    let active = invoiceRun.id;
    let invoicesMs = 0;
    const full = await sampled(
      async () => {
        const t0 = performance.now();
        const inv = await runToCompletion(db, invoiceRun.id);
        invoicesMs = performance.now() - t0;
        active = payoutRun.id;
        const pay = await runToCompletion(db, payoutRun.id);
        return { inv, pay };
      },
      () => active,
      target.progress,
    );
    const { inv, pay } = full.result;
    const fullMs = full.ms;
    const ratio = fullMs / baselineMs;
    const counts = rowsOf<Record<string, string>>(
      await db.execute(sql`select
        (select count(*) from invoices where period = ${period})::text as invoices,
        (select count(*) from invoice_line_items li join invoices i on i.id = li.invoice_id where i.period = ${period})::text as lines,
        (select count(*) from payout_statements where period = ${period})::text as statements,
        (select count(*) from payouts where period = ${period})::text as payouts,
        (select count(*) from events where type = 'billing.invoice_generated')::text as events`),
    )[0];
    log(`\nfull month-end run (invoices then payouts, written; runToCompletion on billing_runs rows):`);
    log(`  invoices: ${fmt(invoicesMs)} ms, run ${inv?.status}, ${int(inv?.processedPartners ?? 0)} partners, ${int(Number(counts.invoices))} invoices with ${int(Number(counts.lines))} lines, ${int(Number(counts.events))} billing.invoice_generated events`);
    log(`  payouts:  ${fmt(fullMs - invoicesMs)} ms, run ${pay?.status}, ${int(pay?.processedPartners ?? 0)} partners, ${int(Number(counts.statements))} statements, ${int(Number(counts.payouts))} payouts`);
    if (inv?.error || pay?.error) log(`  run errors: ${inv?.error ?? ""} ${pay?.error ?? ""}`);
    log(`  total ${fmt(fullMs)} ms = ${fmt(ratio, 1)} × the baseline; peak RSS ${fmt(mb(full.peakRss), 0)} MB (process lifetime max ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB)`);
    log(`  invoice batches (sampled progress): ${batchTimes(full.points, invoiceRun.id, 0)}`);
    log(`  payout batches (sampled progress):  ${batchTimes(full.points, payoutRun.id, invoicesMs)}`);

    // Right, not just fast.
    const verdicts: Verdict[] = await verifyRun(db, { period, billable, invoiceRun: inv, payoutRun: pay });
    log(`\nverification:`);
    for (const v of verdicts) log(`  ${v.ok ? "ok  " : "FAIL"} ${v.what}${v.detail ? `: ${v.detail}` : ""}`);

    // Twice never duplicates: both runs again, as new runs of the same period.
    const t2 = performance.now();
    const again = [await runToCompletion(db, (await createRun(db, { kind: "invoices", period })).id), await runToCompletion(db, (await createRun(db, { kind: "payouts", period })).id)];
    const rerunMs = performance.now() - t2;
    const created = again.reduce((s, r) => s + (r?.createdCount ?? 0), 0);
    const rerunOk = created === 0 && again.every((r) => r?.status === "succeeded");
    log(`  ${rerunOk ? "ok  " : "FAIL"} the same period run again creates nothing: ${created} created (${fmt(rerunMs)} ms, ${again.map((r) => r?.status).join("/")})`);

    if (process.env.BENCH_BREAKDOWN !== "0" && inv) {
      const { phases, batches } = await invoiceBreakdown(db, { ...inv, cursor: null });
      const sum = Object.values(phases).reduce((a, x) => a + x, 0);
      log(`\nwhere the invoice run's time goes: its ${batches} batches replayed step by step in rolled-back transactions (Σ ${fmt(sum, 0)} ms vs ${fmt(invoicesMs, 0)} ms measured):`);
      for (const [name, ms] of Object.entries(phases)) log(`  ${name.padEnd(58)} ${fmt(ms, 0).padStart(6)} ms  ${fmt(ms / batches, 1).padStart(6)} ms/batch  ${fmt((100 * ms) / sum, 0).padStart(3)} %`);
      const payoutPartners = rowsOf<{ partner_id: string }>(await db.execute(sql`select partner_id from payout_statements where period = ${period} order by 1`)).map((r) => r.partner_id);
      const reads = await payoutReadBreakdown(db, period, payoutPartners);
      const readMs = Object.values(reads).reduce((a, x) => a + x, 0);
      log(`the payout run's reads (${Math.ceil(payoutPartners.length / 500)} batches; the rest of its ${fmt(fullMs - invoicesMs, 0)} ms is writing statements, payouts and balances, and the provider):`);
      for (const [name, ms] of Object.entries(reads)) log(`  ${name.padEnd(58)} ${fmt(ms, 0).padStart(6)} ms`);
      log(`  ${"writes and the rest".padEnd(58)} ${fmt(fullMs - invoicesMs - readMs, 0).padStart(6)} ms`);
    }

    // The forecast reads the same data platform-wide (3 closed months of usage, the invoices just issued).
    const forecastMs: number[] = [];
    let forecast: Awaited<ReturnType<typeof getForecast>> | undefined;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      forecast = await getForecast(db, admin, { months: 3 });
      forecastMs.push(performance.now() - t0);
    }
    log(`\nforecast, platform-wide (GET /billing/forecast as an admin): ${fmt(median(forecastMs))} ms (median of 3; first ${fmt(forecastMs[0])} ms); MRR ${int(forecast?.mrrCents ?? 0)} cents, months ${forecast?.months.map((m) => `${m.period} ${int(m.invoicedCents)}/${int(m.payoutsCents)}`).join(", ")}`);

    const verified = verdicts.every((v) => v.ok) && rerunOk && inv?.status === "succeeded" && pay?.status === "succeeded";
    const lines: string[] = [];
    const figures = `baseline ${fmt(baselineMs)} ms; full run ${fmt(fullMs)} ms (invoices ${fmt(invoicesMs)} + payouts ${fmt(fullMs - invoicesMs)}); ratio ${fmt(ratio, 1)}; ${int(Number(counts.invoices))} invoices, ${int(Number(counts.statements))} payout statements, ${int(Number(counts.payouts))} payouts; peak RSS ${fmt(mb(full.peakRss), 0)} MB; forecast ${fmt(median(forecastMs))} ms`;
    let failed = !verified;
    if (driver === "postgres") {
      const okTime = fullMs < TARGET_SECONDS * 1000;
      const okRatio = ratio <= TARGET_RATIO;
      const okRss = mb(full.peakRss) <= TARGET_RSS_MB;
      lines.push(`${short}: full run ${fmt(fullMs / 1000, 2)} s (target < ${TARGET_SECONDS} s) ${okTime ? "PASS" : "FAIL"}`);
      lines.push(`${short}: ratio full/baseline ${fmt(ratio, 1)} (target ≤ ${TARGET_RATIO}) ${okRatio ? "PASS" : "FAIL"}`);
      lines.push(`${short}: peak RSS ${fmt(mb(full.peakRss), 0)} MB (target ≤ ${TARGET_RSS_MB} MB) ${okRss ? "PASS" : "FAIL"}`);
      failed ||= !okTime || !okRatio || !okRss;
    } else {
      lines.push(`${short}: reported, no target${reduced ? `; ${int(scale.partners)} partners, ${int(loaded.usageRows)} usage counters, ${int(scale.paidInstalls)} paid installs` : ""}`);
      lines.push(
        `${short}: against Postgres's targets it would be: ${fmt(fullMs / 1000, 2)} s ${fullMs < TARGET_SECONDS * 1000 ? "<" : "≥"} ${TARGET_SECONDS} s, ratio ${fmt(ratio, 1)} ${ratio <= TARGET_RATIO ? "≤" : ">"} ${TARGET_RATIO}, RSS ${fmt(mb(full.peakRss), 0)} MB ${mb(full.peakRss) <= TARGET_RSS_MB ? "≤" : ">"} ${TARGET_RSS_MB} MB (the whole database lives in this process)`,
      );
    }
    lines.push(`${short}: results ${verified ? "verified PASS" : "verification FAIL"}`);
    lines.push(`${short}: ${figures}`);
    return { label: target.label, failed, lines };
  } finally {
    setDbForTests(undefined);
    await target.drop();
  }
}

log(`bench:billing — the month-end run on ${int(PARTNERS)} partners with ${int(INSTALLS)} paid installs (PGlite: ${int(PGLITE_PARTNERS)} partners, ${int(PGLITE_INSTALLS)} paid installs).`);
const summaries: Summary[] = [];
for (const driver of DRIVERS) {
  try {
    summaries.push(await benchDriver(driver));
  } catch (err) {
    console.error(`\n${driver}: ${err instanceof Error ? err.stack : err}`);
    summaries.push({ label: driver, failed: true, lines: [`${driver}: FAILED (${err instanceof Error ? err.message : err})`] });
  }
}
log(`\nsummary:\n  ${summaries.flatMap((s) => s.lines).join("\n  ")}`);
process.exit(summaries.some((s) => s.failed) ? 1 : 0);
