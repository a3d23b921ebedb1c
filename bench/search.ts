import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDb, setDbForTests, type OpenedDb } from "@/db";
import { GET } from "@/app/api/v1/marketplace/listings/route";
import { flushListingStats } from "@/lib/marketplace/listing-stats";
import { rowsOf } from "@/lib/db/rows";
import { baselineSearch, type RawQuery, type SearchBuilder } from "./search/baseline";
import { generateCatalogue, loadCatalogue, type Catalogue } from "./search/data";
import { generateQueries, type BenchQuery, type QueryClass } from "./search/queries";
import { MEAN_SQL, variants } from "./search/variants";

// npm run bench:search — marketplace search on a synthetic catalogue, on Postgres and on PGlite.
//
// Product: GET /api/v1/marketplace/listings?q=… through its route handler, in-process: a
// real Request into the exported handler, as Next calls it, but no socket. That runs query
// parsing, public auth, the full searchListings (typo fallback, highlights, impressions)
// and JSON serialisation. Baseline: the same ranked SQL as text through the same driver
// client (bench/search/baseline.ts): no route, no drizzle, no JSON.
//
// After a warm-up, each mode runs every query of the mix once, BENCH_CONCURRENCY in flight,
// in blocks of BLOCK queries, A B B A A B … (each block's queries run by both modes back to
// back, the order flipping per block) so machine noise hits both. Throughput is queries over
// the time spent in a mode's blocks; latencies are per request. Both answers are compared.
// Targets (Postgres): throughput ratio ≥ 0.5, product p95 < 50 ms.
//
// BENCH_LISTINGS (100000), BENCH_QUERIES (1000), BENCH_CONCURRENCY (2),
// BENCH_SECONDS (150: measuring stops after this many seconds per database, with the queries
// run so far reported), BENCH_DRIVERS ("postgres,pglite"),
// BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_PGLITE_THREAD (1: PGlite on its own thread, as the app runs it by default),
// BENCH_VARIANTS (1: also measure the SQL prototypes of bench/search/variants.ts),
// BENCH_KEEP (1: keep the Postgres database for a look with psql).

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 150);
const DRIVERS = (process.env.BENCH_DRIVERS ?? "postgres,pglite").split(",").map((s) => s.trim());
const PG = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PGLITE_THREAD = process.env.BENCH_PGLITE_THREAD !== "0";
const VARIANTS = process.env.BENCH_VARIANTS === "1";
const BLOCK = 20;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const log = (s = "") => console.log(s);

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
const triple = (xs: number[]) => `p50 ${fmt(pct(xs, 0.5)).padStart(7)} ms   p95 ${fmt(pct(xs, 0.95)).padStart(7)} ms   p99 ${fmt(pct(xs, 0.99)).padStart(7)} ms`;

type Answer = { slugs: string[]; corrected: string | null };
type Timed = { ms: number; answer: () => Answer };

async function product(q: BenchQuery): Promise<Timed> {
  const qs = new URLSearchParams({ q: q.q, ...(q.category ? { category: q.category } : {}) });
  const t0 = performance.now();
  const res = await GET(new Request(`http://localhost:3000/api/v1/marketplace/listings?${qs}`));
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ?${qs} → ${res.status} ${text.slice(0, 300)}`);
  return {
    ms,
    answer: () => {
      const body = JSON.parse(text) as { data: { slug: string }[]; correctedQuery: string | null };
      return { slugs: body.data.map((d) => d.slug), corrected: body.correctedQuery };
    },
  };
}

async function baseline(run: RawQuery, q: BenchQuery, build?: SearchBuilder): Promise<Timed> {
  const t0 = performance.now();
  const r = await baselineSearch(run, q.q, q.category, build);
  const ms = performance.now() - t0;
  return { ms, answer: () => ({ slugs: r.ids, corrected: r.corrected }) };
}

function rawClient(opened: OpenedDb): RawQuery {
  const client = (opened.db as unknown as { $client: unknown }).$client;
  if (opened.driver === "postgres") {
    const pg = client as { unsafe: (t: string, p: unknown[]) => Promise<Record<string, unknown>[]> };
    return (t, p) => pg.unsafe(t, p);
  }
  const lite = client as { query: (t: string, p: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };
  return async (t, p) => (await lite.query(t, p)).rows;
}

async function pool<T>(items: T[], concurrency: number, f: (x: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await f(items[i], i);
      }
    }),
  );
}

type ModeResult = { name: string; ms: number; lat: number[]; byClass: Map<QueryClass, number[]>; answers: Answer[]; msAt: number[] };

/**
 * Runs every query once per mode, in blocks (A B, then B A, …) with `concurrency` in flight,
 * until the queries or the time budget run out. Returns per-mode timings and answers by query index.
 */
async function interleaved(queries: BenchQuery[], modes: { name: string; call: (q: BenchQuery) => Promise<Timed> }[], seconds: number) {
  const results: ModeResult[] = modes.map((m) => ({ name: m.name, ms: 0, lat: [], byClass: new Map(), answers: [], msAt: [] }));
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  for (let b = 0; b * BLOCK < queries.length && performance.now() < deadline; b++) {
    const block = queries.slice(b * BLOCK, (b + 1) * BLOCK);
    for (let k = 0; k < modes.length; k++) {
      const m = (k + b) % modes.length;
      const t0 = performance.now();
      await pool(block, CONCURRENCY, async (q, i) => {
        const r = await modes[m].call(q);
        results[m].lat.push(r.ms);
        results[m].byClass.set(q.cls, [...(results[m].byClass.get(q.cls) ?? []), r.ms]);
        results[m].answers[b * BLOCK + i] = r.answer();
        results[m].msAt[b * BLOCK + i] = r.ms;
      });
      results[m].ms += performance.now() - t0;
    }
    done += block.length;
  }
  return { results, done };
}

const sameAnswer = (a: Answer, b: Answer) => a.slugs.join() === b.slugs.join() && a.corrected === b.corrected;

/** The SQL prototypes against the product's SQL, on the same queries, same interleaving. */
async function benchVariants(run: RawQuery, queries: BenchQuery[], rep: BenchQuery) {
  const [{ mean }] = (await run(MEAN_SQL, [])) as { mean: number }[];
  for (const v of variants) await v.prepare?.(run);
  const modes = [
    { name: "product SQL (the baseline)", build: undefined as SearchBuilder | undefined },
    ...variants.map((v) => ({ name: v.name, build: v.build(Number(mean)) })),
  ];
  for (const q of queries.slice(0, 20)) for (const m of modes) await baselineSearch(run, q.q, q.category, m.build);
  const { results, done } = await interleaved(
    queries,
    modes.map((m) => ({ name: m.name, call: (q: BenchQuery) => baseline(run, q, m.build) })),
    SECONDS,
  );
  log(`\n  SQL prototypes (bench/search/variants.ts), raw SQL, ${done} queries each, ${CONCURRENCY} in flight, interleaved:`);
  for (const r of results) {
    let same = 0;
    let overlap = 0;
    for (let i = 0; i < done; i++) {
      const ref = results[0].answers[i];
      if (sameAnswer(r.answers[i], ref)) same++;
      const set = new Set(ref.slugs);
      overlap += set.size ? r.answers[i].slugs.filter((s) => set.has(s)).length / set.size : r.answers[i].slugs.length ? 0 : 1;
    }
    log(`    ${r.name}`);
    log(`      ${triple(r.lat)}   ${fmt(done / (r.ms / 1000), 1)} q/s;  first page identical to the product's: ${same}/${done}, mean overlap ${fmt((100 * overlap) / done)} %`);
    log(`      p95 by class: ${[...r.byClass.entries()].sort((a, b) => pct(b[1], 0.95) - pct(a[1], 0.95)).map(([c, xs]) => `${c} ${fmt(pct(xs, 0.95))}`).join(", ")}`);
  }
  for (const m of modes.slice(1)) {
    const statements: { text: string; params: unknown[] }[] = [];
    await baselineSearch(run, rep.q, rep.category, (p, c, at) => {
      const s = m.build!(p, c, at);
      statements.push(s);
      return s;
    });
    const plan = await run(`explain (analyze, buffers) ${statements[statements.length - 1].text}`, statements[statements.length - 1].params);
    log(`\n  EXPLAIN (ANALYZE, BUFFERS) of ${JSON.stringify(rep)} with "${m.name}":`);
    for (const r of plan) log(`    ${String(Object.values(r)[0])}`);
  }
}

type Summary = { label: string; failed: boolean; lines: string[] };

async function openTarget(driver: string): Promise<{ opened: OpenedDb; label: string; drop: () => Promise<void> }> {
  if (driver === "postgres") {
    const { default: postgres } = await import("postgres");
    const admin = postgres(PG, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    const name = `portico_bench_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(PG);
    url.pathname = `/${name}`;
    try {
      const opened = await openDb({ url: url.toString() });
      const [{ version }] = await admin.unsafe<{ version: string }[]>("select current_setting('server_version') as version");
      return {
        opened,
        label: `Postgres ${version.split(" ")[0]} (database ${name}, postgres.js pool of 10)`,
        drop: async () => {
          await opened.close();
          if (process.env.BENCH_KEEP === "1") {
            log(`  kept database ${name} (BENCH_KEEP=1): drop it with \`drop database ${name}\``);
            await admin.end();
            return;
          }
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    } catch (err) {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
      throw err;
    }
  }
  const opened = await openDb({ thread: PGLITE_THREAD });
  return { opened, label: `PGlite in memory (${PGLITE_THREAD ? "on its own thread, as the app runs it" : "on the main thread"})`, drop: () => opened.close() };
}

async function benchDriver(driver: string, catalogue: Catalogue, queries: BenchQuery[], generateSeconds: number): Promise<Summary> {
  const tOpen = performance.now();
  const { opened, label, drop } = await openTarget(driver);
  const migrate = (performance.now() - tOpen) / 1000;
  const db = opened.db;
  const run = rawClient(opened);
  const short = label.split(" (")[0];
  log(`\n━━ ${label}`);
  try {
    log(`building the catalogue (migrations took ${fmt(migrate)} s)…`);
    const t0 = performance.now();
    await loadCatalogue(db, catalogue, log);
    const build = (performance.now() - t0) / 1000;
    log(`  build time: ${fmt(build)} s to load (+ ${fmt(generateSeconds)} s to generate in JS)`);

    const [sizes] = rowsOf<Record<string, string>>(
      await db.execute(sql`select
        (select count(*) from listings)::text as listings, (select count(*) from partners)::text as partners,
        (select count(*) from search_terms)::text as terms,
        pg_size_pretty(pg_relation_size('listings')) as heap, pg_size_pretty(pg_total_relation_size('listings')) as total,
        pg_size_pretty(pg_relation_size('listings_search_idx')) as gin, pg_size_pretty(pg_indexes_size('listings')) as all_idx,
        pg_size_pretty(pg_relation_size('search_terms_trgm_idx')) as trgm`),
    );
    log(`  dataset: ${sizes.listings} listings, ${sizes.partners} partners, ${sizes.terms} correction terms`);
    log(`  index size: listings_search_idx (GIN) ${sizes.gin}; search_terms_trgm_idx ${sizes.trgm}; all listings indexes ${sizes.all_idx}`);
    log(`  table size: listings ${sizes.heap} (${sizes.total} with TOAST and indexes)`);

    setDbForTests(opened);
    for (const q of queries.slice(0, 20)) {
      await product(q);
      await baseline(run, q);
    }
    const { results, done } = await interleaved(
      queries,
      [
        { name: "product", call: product },
        { name: "baseline", call: (q) => baseline(run, q) },
      ],
      SECONDS,
    );
    await flushListingStats(db);
    const [prod, base] = results;
    let same = 0;
    let corrections = 0;
    const differs: string[] = [];
    for (let i = 0; i < done; i++) {
      if (prod.answers[i].corrected) corrections++;
      if (sameAnswer(prod.answers[i], base.answers[i])) same++;
      else if (differs.length < 3) differs.push(`${JSON.stringify(queries[i])}: product ${prod.answers[i].slugs.slice(0, 3)}… vs baseline ${base.answers[i].slugs.slice(0, 3)}…`);
    }
    const qps = (r: ModeResult) => done / (r.ms / 1000);
    const ratio = qps(prod) / qps(base);
    log(`\n  ${done}${done < queries.length ? ` of ${queries.length} (time budget BENCH_SECONDS=${SECONDS} reached)` : ""} queries per mode, ${CONCURRENCY} in flight, interleaved in blocks of ${BLOCK}:`);
    log(`    product  GET /marketplace/listings?q= (route handler)  ${fmt(qps(prod), 1).padStart(7)} q/s   ${triple(prod.lat)}`);
    log(`    baseline same SQL through the driver           ${fmt(qps(base), 1).padStart(7)} q/s   ${triple(base.lat)}`);
    log(`    throughput ratio product/baseline: ${fmt(ratio, 2)}`);
    log(`    answers: ${same}/${done} identical (same listings, same order, same correction); ${corrections} typo-corrected`);
    for (const d of differs) log(`      differs: ${d}`);

    log(`\n  p95 by query class, ms (product / baseline):`);
    const classes = [...prod.byClass.entries()].sort((x, y) => pct(y[1], 0.95) - pct(x[1], 0.95));
    for (const [cls, xs] of classes) {
      const b = base.byClass.get(cls) ?? [];
      log(`    ${cls.padEnd(22)} ${fmt(pct(xs, 0.95)).padStart(8)} / ${fmt(pct(b, 0.95)).padStart(8)}   (p50 ${fmt(pct(xs, 0.5))} / ${fmt(pct(b, 0.5))}, n=${xs.length})`);
    }

    // EXPLAIN of the slowest class: its query whose baseline time is nearest the class's p95, each statement of its path.
    const [slowCls] = classes[0];
    const p95 = pct(base.byClass.get(slowCls) ?? [], 0.95);
    const rep = queries
      .slice(0, done)
      .map((q, i) => ({ q, ms: base.msAt[i] }))
      .filter((x) => x.q.cls === slowCls)
      .sort((a, b) => Math.abs(a.ms - p95) - Math.abs(b.ms - p95))[0].q;
    const statements: { text: string; params: unknown[] }[] = [];
    await baselineSearch(async (t, p) => (statements.push({ text: t, params: p }), run(t, p)), rep.q, rep.category);
    log(`\n  slowest class: "${slowCls}"; EXPLAIN (ANALYZE, BUFFERS) of its query ${JSON.stringify(rep)}, ${statements.length} statement(s) on its path:`);
    for (const [i, s] of statements.entries()) {
      if (i > 1 && i < statements.length - 1) continue; // one correction lookup is enough
      const kind = i === 0 ? "search" : s.text.includes("search_terms") ? "typo-correction lookup" : "corrected search";
      const plan = await run(`explain (analyze, buffers) ${s.text}`, s.params);
      log(`  ── statement ${i + 1}: ${kind}`);
      for (const r of plan) log(`    ${String(Object.values(r)[0])}`);
    }

    if (VARIANTS) await benchVariants(run, queries, rep);

    const lines: string[] = [];
    const prodP95 = pct(prod.lat, 0.95);
    let failed = same < done * 0.98;
    const figures = `${fmt(qps(prod), 1)} q/s product vs ${fmt(qps(base), 1)} q/s baseline; p50/p95/p99 ${fmt(pct(prod.lat, 0.5))}/${fmt(prodP95)}/${fmt(pct(prod.lat, 0.99))} ms vs ${fmt(pct(base.lat, 0.5))}/${fmt(pct(base.lat, 0.95))}/${fmt(pct(base.lat, 0.99))} ms; ${done} queries; answers identical ${same}/${done}`;
    if (driver === "postgres") {
      lines.push(`${short}: throughput ratio ${fmt(ratio, 2)} (target ≥ 0.50) ${ratio >= 0.5 ? "PASS" : "FAIL"}`);
      lines.push(`${short}: product p95 ${fmt(prodP95)} ms (target < 50 ms) ${prodP95 < 50 ? "PASS" : "FAIL"}`);
      failed ||= ratio < 0.5 || prodP95 >= 50;
    } else {
      lines.push(`${short}: throughput ratio ${fmt(ratio, 2)}, product p95 ${fmt(prodP95)} ms (reported, no target)`);
    }
    lines.push(`${short}: ${figures}`);
    return { label, failed, lines };
  } finally {
    // Counts of the last second go to this database before it goes away.
    await flushListingStats(db).catch(() => {});
    setDbForTests(undefined);
    await drop();
  }
}

log(
  `bench:search — ${LISTINGS} listings, ${QUERIES} queries, ${CONCURRENCY} in flight. Product: the route handler of GET /api/v1/marketplace/listings, called in-process with a real Request (no socket). Baseline: its SQL through the driver.`,
);
const tGen = performance.now();
const catalogue = generateCatalogue(LISTINGS);
const queries = generateQueries(QUERIES, catalogue);
const generateSeconds = (performance.now() - tGen) / 1000;
log(`generated in ${fmt(generateSeconds)} s: ${catalogue.partners.length} partners, ${catalogue.terms.length} distinct name/tag words`);
log(`query mix (${[...new Set(queries.map((q) => q.cls))].length} classes, equal shares): e.g. ${queries.slice(0, 10).map((q) => JSON.stringify(q.q) + (q.category ? ` in ${q.category}` : "")).join(", ")}`);

const summaries: Summary[] = [];
for (const driver of DRIVERS) {
  try {
    summaries.push(await benchDriver(driver, catalogue, queries, generateSeconds));
  } catch (err) {
    console.error(`\n${driver}: ${err instanceof Error ? err.stack : err}`);
    summaries.push({ label: driver, failed: true, lines: [`${driver}: FAILED (${err instanceof Error ? err.message : err})`] });
  }
}
log(`\nsummary:\n  ${summaries.flatMap((s) => s.lines).join("\n  ")}`);
// In-process bench: the database and the queries share this process.
log(`  RSS of the bench process: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB now, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
process.exit(summaries.some((s) => s.failed) ? 1 : 0);
