import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { foldText } from "@/lib/marketplace/query-text";

// A synthetic marketplace for the search benchmark: partners, published applications
// (each with a live version) and one listing per application, written with set-based
// SQL (jsonb_to_recordset over batches built here), never row by row. Deterministic:
// the same seed gives the same catalogue, so runs are comparable.

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = () => number;

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Samples indexes 0..n-1 with probability ∝ 1/(i+1)^s: a few words are everywhere, most are rare. */
export function zipf(n: number, s: number) {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += 1 / Math.pow(i + 1, s);
  return (r: Rand) => {
    const x = r() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// ── Vocabulary ──────────────────────────────────────────────────────────────────────
// Ordered roughly from the most to the least used, since words are drawn with Zipf weights.

/** Insurance words that name what an app is about. */
export const DOMAIN = [
  "claims", "policy", "quote", "broker", "agency", "carrier", "premium", "renewal", "underwriting", "rating",
  "leads", "commission", "payments", "billing", "compliance", "certificate", "endorsement", "documents", "analytics", "loss",
  "property", "auto", "commercial", "liability", "fleet", "flood", "cyber", "life", "health", "workers",
  "fraud", "adjuster", "subrogation", "reinsurance", "actuarial", "bordereaux", "telematics", "inspection", "appraisal", "catastrophe",
  "license", "audit", "signature", "invoice", "refund", "instalment", "escrow", "mortgage", "homeowners", "renters",
  "umbrella", "marine", "cargo", "aviation", "surety", "bond", "crop", "pet", "travel", "dental",
  "benefits", "annuity", "pension", "retention", "prospect", "referral", "intake", "settlement", "reserve", "exposure",
  "hazard", "wildfire", "hail", "windstorm", "earthquake", "vehicle", "driver", "roof", "valuation", "kyc",
];

/** Software words: what kind of tool it is. */
export const SOFTWARE = [
  "sync", "portal", "hub", "connector", "manager", "engine", "desk", "suite", "studio", "pilot",
  "bridge", "flow", "link", "tracker", "assistant", "dashboard", "scanner", "builder", "vault", "guard",
  "automation", "workflow", "gateway", "console", "monitor", "router", "planner", "inbox", "cloud", "mobile",
  "api", "webhooks", "ocr", "ai", "bot", "reports", "exporter", "importer", "validator", "checker",
];

/** Words of descriptions that are neither domain nor software words. */
const GENERAL = [
  "agents", "customers", "teams", "clients", "accounts", "data", "time", "faster", "automatically", "real-time",
  "every", "without", "manual", "entry", "errors", "updates", "status", "changes", "records", "fields",
  "secure", "simple", "powerful", "integrated", "instant", "daily", "weekly", "monthly", "custom", "templates",
  "notifications", "alerts", "rules", "approvals", "history", "search", "filters", "exports", "imports", "mapping",
  "reconcile", "track", "manage", "review", "approve", "send", "collect", "verify", "route", "assign",
  "schedule", "connect", "share", "store", "scan", "extract", "compare", "calculate", "predict", "score",
  "agency-wide", "carriers", "brokers", "producers", "underwriters", "adjusters", "policyholders", "insureds", "prospects", "partners",
  "office", "field", "desktop", "browser", "spreadsheet", "email", "sms", "phone", "chat", "calendar",
  "guidewire", "duck", "applied", "epic", "vertafore", "salesforce", "hubspot", "quickbooks", "stripe", "docusign",
  "visibility", "accuracy", "speed", "growth", "revenue", "costs", "savings", "efficiency", "insights", "trends",
];
const STOPWORDS = ["the", "and", "for", "your", "with", "to", "of", "in", "on", "from", "by", "a", "every", "all", "into", "across"];

/** Brand-like words, some with accents (search must ignore accents). */
const SYLLABLE_HEAD = ["ac", "bri", "cor", "dela", "evo", "fin", "gra", "hel", "ion", "jun", "kin", "lum", "mer", "nov", "or", "pax", "quin", "riv", "sol", "tel", "umb", "ver", "wyn", "xan", "yel", "zen", "ast", "bel", "cal", "dor"];
const SYLLABLE_TAIL = ["ly", "io", "ra", "on", "ix", "ent", "ova", "us", "ify", "ware", "ella", "ant", "era", "ico", "ulo"];
export const BRANDS: string[] = SYLLABLE_HEAD.flatMap((h) => SYLLABLE_TAIL.map((t) => h + t));
export const ACCENTED = ["Café", "Assurée", "Prévoyance", "Señal", "Größe", "Fiabilité", "Crédit", "Sécur", "Élan", "Zürich"];

const TAG_WORDS = [
  "claims", "fnol", "policy", "quoting", "rating", "crm", "leads", "payments", "billing", "analytics",
  "reporting", "compliance", "kyc", "documents", "ocr", "e-signature", "sms", "email", "acord", "certificates",
  "commercial lines", "personal lines", "auto", "property", "cyber", "flood", "fleet", "telematics", "fraud", "renewals",
];

const PARTNER_SUFFIX = ["Labs", "Software", "Insurtech", "Systems", "Technologies", "Group", "Digital", "Data", "Solutions", "Cloud"];

export const CATEGORIES = [
  "claims", "policy-administration", "quoting-rating", "crm-leads", "payments",
  "analytics-reporting", "communications", "compliance", "data-enrichment", "document-management",
] as const;

const TAGLINES: ((w: { d: string; d2: string; s: string; g: string }) => string)[] = [
  ({ d, d2 }) => `Sync ${d} and ${d2} data with your agency system`,
  ({ d, s }) => `The ${d} ${s} built for independent agencies`,
  ({ d, g }) => `${cap(d)} without the paperwork: ${g} in minutes`,
  ({ d, d2 }) => `Faster ${d} for ${d2} teams`,
  ({ d, s }) => `Automate ${d} with a ${s} your producers will use`,
  ({ d, d2 }) => `Certificate of insurance tracking for ${d} and ${d2}`,
  ({ d }) => `Real-time ${d} insights for carriers and brokers`,
  ({ d, d2, s }) => `One ${s} for ${d}, ${d2} and everything in between`,
];

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export type GeneratedListing = {
  id: string;
  application_id: string;
  version_id: string;
  partner_id: string;
  partner_name: string;
  slug: string;
  name: string;
  tagline: string;
  description: string;
  category: string;
  tags: string[];
  pricing_model: "free" | "paid";
  monthly_price_cents: number | null;
  install_count: number;
  rating_count: number;
  rating_sum: number;
  created_at: string;
};

export type Catalogue = { partners: { id: string; name: string; slug: string }[]; listings: GeneratedListing[]; terms: string[] };

/** A catalogue of `n` listings: names of 2–3 words, Zipf-distributed words, Pareto installs. */
export function generateCatalogue(n: number, seed = 15): Catalogue {
  const r = rng(seed);
  const partnerCount = Math.max(10, Math.round(n / 50));
  const partners = Array.from({ length: partnerCount }, (_, i) => {
    const name = `${cap(BRANDS[(i * 7) % BRANDS.length])}${i >= BRANDS.length ? ` ${cap(pick(r, DOMAIN))}` : ""} ${pick(r, PARTNER_SUFFIX)}`;
    return { id: randomUUID(), name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${i}` };
  });
  const partnerOf = zipf(partnerCount, 0.8);
  const domain = zipf(DOMAIN.length, 0.8);
  const domain2 = zipf(DOMAIN.length, 0.5);
  const software = zipf(SOFTWARE.length, 0.9);
  const brand = zipf(BRANDS.length, 0.6);
  // Descriptions: mostly general words, a domain or software word one time in twenty
  // (flatter Zipf): the most common domain word ("claims") is in about 40 % of the catalogue.
  const subject = DOMAIN.flatMap((d, i) => (i % 2 === 1 && SOFTWARE[i >> 1] ? [d, SOFTWARE[i >> 1]] : [d]));
  const subjectWord = zipf(subject.length, 0.7);
  const generalWord = zipf(GENERAL.length, 0.8);
  const tag = zipf(TAG_WORDS.length, 0.5);
  const category = zipf(CATEGORIES.length, 0.5);
  const now = Date.now();
  const twoYears = 730 * 86_400_000;

  const listings: GeneratedListing[] = [];
  for (let i = 0; i < n; i++) {
    const d = DOMAIN[domain(r)];
    let d2 = DOMAIN[domain2(r)];
    if (d2 === d) d2 = DOMAIN[(DOMAIN.indexOf(d) + 1) % DOMAIN.length];
    const s = SOFTWARE[software(r)];
    const b = r() < 0.03 ? pick(r, ACCENTED) : cap(BRANDS[brand(r)]);
    const shape = r();
    const name =
      shape < 0.45 ? `${b} ${cap(d)}` : shape < 0.55 ? `${cap(d)} ${cap(s)}` : shape < 0.9 ? `${b} ${cap(d)} ${cap(s)}` : `${cap(d)} ${cap(d2)} ${cap(s)}`;
    const tagline = pick(r, TAGLINES)({ d, d2, s, g: pick(r, GENERAL) }).slice(0, 80);
    const words: string[] = [];
    const len = 30 + Math.floor(r() * 51);
    for (let w = 0; w < len; w++) {
      const x = r();
      words.push(x < 0.3 ? pick(r, STOPWORDS) : x < 0.95 ? GENERAL[generalWord(r)] : subject[subjectWord(r)]);
    }
    // Mention the app's own subject, as real descriptions do.
    words.splice(Math.floor(r() * words.length), 0, d, s);
    const description = `${cap(words.join(" "))}.`;
    const tags = [...new Set([d, ...Array.from({ length: Math.floor(r() * 4) }, () => TAG_WORDS[tag(r)])])].slice(0, 10);
    const p = partners[partnerOf(r)];
    // Installs: 30 % never installed, the rest Pareto (α ≈ 1.1): a median near ten, a few in the hundreds of thousands.
    const install_count = r() < 0.3 ? 0 : Math.min(500_000, Math.floor(5 / Math.pow(1 - r(), 1 / 1.1)));
    const rating_count = install_count === 0 ? 0 : Math.floor(install_count * (0.01 + r() * 0.08) + (r() < 0.2 ? 1 : 0));
    // Mean rating: most apps between 3.5 and 4.9, a tail of poor ones.
    const mean = Math.max(1, Math.min(5, r() < 0.1 ? 1 + r() * 2.5 : 3.5 + r() * 1.5));
    const paid = r() < 0.4;
    listings.push({
      id: randomUUID(),
      application_id: randomUUID(),
      version_id: randomUUID(),
      partner_id: p.id,
      partner_name: p.name,
      slug: `${name.toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "").replace(/[^a-z0-9]+/g, "-")}-${i}`,
      name,
      tagline,
      description,
      category: CATEGORIES[category(r)],
      tags,
      pricing_model: paid ? "paid" : "free",
      monthly_price_cents: paid ? 900 + 100 * Math.floor(r() * 490) : null,
      install_count,
      rating_count,
      rating_sum: Math.round(rating_count * mean),
      created_at: new Date(now - r() * twoYears).toISOString(),
    });
  }
  // The typo-correction vocabulary, folded as rememberTerms folds it.
  const terms = new Set<string>();
  for (const l of listings)
    for (const t of foldText([l.name, ...l.tags].join(" ")).split(" ")) if (t.length >= 3 && t.length <= 40) terms.add(t);
  return { partners, listings, terms: [...terms] };
}

const BATCH = 5000;

/** Writes the catalogue with one statement per table and batch; returns seconds spent per step. */
export async function loadCatalogue(db: Db, c: Catalogue, log: (s: string) => void): Promise<Record<string, number>> {
  const t: Record<string, number> = {};
  const step = async (name: string, f: () => Promise<void>) => {
    const t0 = performance.now();
    await f();
    t[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${t[name].toFixed(1)} s`);
  };
  const batches = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / BATCH) }, (_, i) => xs.slice(i * BATCH, (i + 1) * BATCH));

  // Secondary indexes are dropped for the load and rebuilt once at the end (same definitions,
  // read back from pg_indexes): a bulk build is much faster than row-by-row maintenance.
  let indexes: { name: string; def: string }[] = [];
  await step("drop secondary indexes", async () => {
    indexes = rowsOf<{ name: string; def: string }>(
      await db.execute(sql`
        select indexname as name, indexdef as def from pg_indexes i
        where schemaname = 'public' and tablename in ('applications', 'application_versions', 'listings')
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`),
    );
    for (const i of indexes) await db.execute(sql.raw(`drop index "${i.name}"`));
  });
  await step("partners", async () => {
    for (const b of batches(c.partners))
      await db.execute(sql`
        insert into partners (id, name, slug, status, type)
        select id, name, slug, 'active', 'technology' from jsonb_to_recordset(${JSON.stringify(b)}::jsonb) as x(id uuid, name text, slug text)`);
  });
  await step("applications + live versions", async () => {
    // Applications and their versions point at each other; one statement writes both
    // (foreign keys are checked at the end of the statement).
    for (const b of batches(c.listings)) {
      const rows = JSON.stringify(b.map((l) => ({ id: l.application_id, v: l.version_id, partner_id: l.partner_id, name: l.name, slug: l.slug, at: l.created_at })));
      await db.execute(sql`
        with x as (select * from jsonb_to_recordset(${rows}::jsonb) as x(id uuid, v uuid, partner_id uuid, name text, slug text, at timestamptz)),
        a as (
          insert into applications (id, partner_id, name, slug, status, published_at, created_at, live_version_id, current_version_id)
          select id, partner_id, name, slug, 'published', at, at, v, v from x)
        insert into application_versions (id, application_id, version, status, published_at, requested_scopes)
        select v, id, '1.0.0', 'published', at, '{read:claims}' from x`);
    }
  });
  await step("listings", async () => {
    for (const b of batches(c.listings))
      await db.execute(sql`
        insert into listings (id, partner_id, application_id, slug, name, tagline, description, category, tags, pricing_model,
          monthly_price_cents, partner_name, status, install_count, rating_count, rating_sum, published_at, created_at, updated_at)
        select id, partner_id, application_id, slug, name, tagline, description, category, tags, pricing_model,
          monthly_price_cents, partner_name, 'published', install_count, rating_count, rating_sum, created_at, created_at, created_at
        from jsonb_to_recordset(${JSON.stringify(b)}::jsonb) as x(id uuid, partner_id uuid, application_id uuid, slug text, name text,
          tagline text, description text, category text, tags text[], pricing_model text, monthly_price_cents int, partner_name text,
          install_count int, rating_count int, rating_sum int, created_at timestamptz)`);
  });
  await step(`rebuild ${indexes.length} indexes`, async () => {
    for (const i of indexes) await db.execute(sql.raw(i.def));
  });
  await step("search_terms", async () => {
    await db.execute(sql`insert into search_terms (term) select jsonb_array_elements_text(${JSON.stringify(c.terms)}::jsonb) on conflict do nothing`);
  });
  await step("vacuum analyze", async () => {
    for (const table of ["partners", "applications", "application_versions", "listings", "search_terms"]) await db.execute(sql.raw(`vacuum analyze ${table}`));
  });
  return t;
}
