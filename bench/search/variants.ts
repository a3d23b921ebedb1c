import { foldText, type ParsedQuery } from "@/lib/marketplace/query-text";
import type { RawQuery, SearchBuilder } from "./baseline";

// Prototypes of faster search SQL (BENCH_VARIANTS=1), measured against the product's SQL
// (baseline.ts) on the same catalogue and queries. Not used by the app: they show what a
// change to lib/marketplace would gain, and how much the first page would change.
//
// "tuned" keeps the ranking exactly (up to float rounding):
//   - the catalogue mean rating C as a parameter (cached by the app, e.g. for a minute),
//     not an aggregate over every listing in each query (a parallel plan runs it per worker);
//   - freshness in float8: extract(epoch …) is numeric since Postgres 14, and exp() on
//     numeric costs more than the rest of the score; date_part() is float8;
//   - the exact-name test (unaccent + regexp per row) only where the name holds every
//     query word (a tsquery on weight A, cheap), not on every matching row;
//   - partners and the card's columns joined after the limit (21 rows), not before the sort.
// "capped" ranks a bounded candidate set instead of every match: the K most installed
//   matches, the newest, the most installed among name matches and exact names (an index on
//   the folded name). Same score, same filters; it differs only where a weak listing would
//   have been ranked into the first page from outside those sets.

export type Variant = { name: string; prepare?: (run: RawQuery) => Promise<void>; build: (mean: number) => SearchBuilder };

class Params {
  values: unknown[] = [];
  add(v: unknown) {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const HIGHLIGHT = "HighlightAll=true, StartSel=\u0002, StopSel=\u0003";

/** All query words on the name (weight A), the last as a prefix when the query ends in one. */
function nameQuery(p: ParsedQuery, prefix: boolean): string {
  return p.words.map((w) => (prefix && w === p.prefix ? `${w}:*A` : `${w}:A`)).join(" & ");
}

function tuned(mean: number, cap: { installs: number; newest: number; names: number } | null): SearchBuilder {
  return (p, category, at) => {
    const ps = new Params();
    const web = ps.add(p.websearch);
    const tsq = p.prefix ? `(websearch_to_tsquery('portico_search', ${web}) && to_tsquery('portico_search', ${ps.add(`${p.prefix}:*`)}))` : `websearch_to_tsquery('portico_search', ${web})`;
    const folded = ps.add(foldText(p.words.join(" ")));
    const exactName = cap
      ? `bench_fold(l.name) = ${folded}`
      : `l.search_vector @@ to_tsquery('portico_search', ${ps.add(nameQuery(p, false))}) and btrim(regexp_replace(lower(unaccent(l.name)), '[^[:alnum:]]+', ' ', 'g')) = ${folded}`;
    const publicSince = "greatest(l.created_at, a.published_at)";
    const score = `((case when ${exactName} then 1000000 else 0 end) + ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', l.search_vector, ${tsq})
      * (1 + ln(1 + l.install_count) / 5) * (0.5 + ((l.rating_sum::float8 + 10 * ${ps.add(mean)}::float8) / (l.rating_count + 10)) / 10)
      * (1 + exp(-greatest(date_part('epoch', ${ps.add(at.toISOString())}::timestamptz - ${publicSince}), 0) / 1814400)))::float8`;
    const match = [`l.status = 'published'`, `l.search_vector @@ ${tsq}`];
    if (category) match.push(`l.category = ${ps.add(category)}`);
    const where = match.join(" and ");
    const nameQ = cap ? ps.add(nameQuery(p, true)) : "";
    const from = cap
      ? `(
          (select l.id from listings l where ${where} order by l.install_count desc limit ${cap.installs})
          union (select l.id from listings l where ${where} order by l.created_at desc limit ${cap.newest})
          union (select l.id from listings l where ${where} and l.search_vector @@ to_tsquery('portico_search', ${nameQ})
                 order by l.install_count desc limit ${cap.names})
          union (select l.id from listings l where ${where} and l.search_vector @@ to_tsquery('portico_search', ${nameQ})
                 order by l.created_at desc limit ${cap.names})
          union (select l.id from listings l where ${where} and bench_fold(l.name) = ${folded})
        ) cand join listings l on l.id = cand.id join applications a on a.id = l.application_id where a.status = 'published'`
      : `listings l join applications a on a.id = l.application_id where a.status = 'published' and ${where}`;
    const text = `
      with page as (
        select l.id, ${score} as score from ${from}
        order by score desc, l.id desc limit 21
      )
      select l.id, l.slug, l.name, l.tagline, l.category, l.tags, coalesce(l.logo_url, a.logo_url) as logo_url,
        p.name as partner_name, p.slug as partner_slug, l.rating_count, l.rating_sum, l.install_count, l.featured,
        l.pricing_model, l.monthly_price_cents,
        to_char(greatest(l.created_at, a.published_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as public_since, page.score,
        ts_headline('portico_search', l.name, ${tsq}, ${ps.add(HIGHLIGHT)}) as hl_name,
        ts_headline('portico_search', l.tagline, ${tsq}, ${ps.add(HIGHLIGHT)}) as hl_tagline
      from page join listings l on l.id = page.id join applications a on a.id = l.application_id join partners p on p.id = l.partner_id
      order by page.score desc, page.id desc`;
    return { text, params: ps.values };
  };
}

export const CAP = { installs: 500, newest: 100, names: 200 };

/** Capped only for one-word queries without a category (those match a large share of the catalogue); every match ranked otherwise. */
function hybrid(mean: number): SearchBuilder {
  const all = tuned(mean, null);
  const capped = tuned(mean, CAP);
  return (p, category, at) => (p.words.length === 1 && !p.websearch.includes('"') && !category ? capped : all)(p, category, at);
}

export const variants: Variant[] = [
  { name: "tuned (same ranking)", build: (mean) => tuned(mean, null) },
  {
    name: `capped (${CAP.installs} most installed + ${CAP.newest} newest + ${CAP.names} most installed and ${CAP.names} newest name matches + exact names)`,
    // What a migration would add: the folded name (an immutable wrapper, as portico_tags_text is)
    // with an index for exact names, and an index to take the newest matches first.
    prepare: async (run) => {
      await run(
        `create or replace function bench_fold(text) returns text language sql immutable parallel safe as
         $$ select btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[^[:alnum:]]+', ' ', 'g')) $$`,
        [],
      );
      await run(`create index if not exists bench_listings_name_fold_idx on listings (bench_fold(name))`, []);
      await run(`create index if not exists bench_listings_status_created_idx on listings (status, created_at)`, []);
      await run(`analyze listings`, []);
    },
    build: (mean) => tuned(mean, CAP),
  },
  { name: "capped for one-word queries without a category, tuned otherwise", build: hybrid },
];

export const MEAN_SQL = `select coalesce(sum(rating_sum)::float8 / nullif(sum(rating_count), 0), 0) as mean from listings where status = 'published' and rating_count > 0`;
