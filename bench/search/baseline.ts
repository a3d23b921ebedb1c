import { applyCorrections, parseQuery, type ParsedQuery } from "@/lib/marketplace/query-text";

// The baseline: the same ranked search that GET /marketplace/listings?q= runs
// (lib/marketplace/search.ts, ranking.ts, listing-item.ts, typo-correction.ts), written
// out as SQL text with $n parameters and sent straight through the driver: no route,
// no zod, no drizzle, no JSON. Keep it in step with those files; the benchmark checks
// on every query that both return the same listings in the same order.

/** What a raw client offers on both drivers: postgres.js `unsafe` or PGlite `query`. */
export type RawQuery = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const FEW_RESULTS = 3;
const LIMIT = 20;
const HIGHLIGHT = "HighlightAll=true, StartSel=\u0002, StopSel=\u0003";

class Params {
  values: unknown[] = [];
  add(v: unknown) {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** The search statement for a parsed query (relevance sort, first page), with its parameters. */
export function searchSql(p: ParsedQuery, category: string | undefined, at: Date): { text: string; params: unknown[] } {
  const ps = new Params();
  // Drizzle writes every interpolated value as its own parameter, so the tsquery's are
  // repeated for each use (score, filter, two headlines); this does the same.
  const tsq = () => {
    const web = `websearch_to_tsquery('portico_search', ${ps.add(p.websearch)})`;
    return p.prefix
      ? `(${web} && (to_tsquery('portico_search', ${ps.add(`${p.prefix}:*`)}) || websearch_to_tsquery('portico_search', ${ps.add(p.tail ?? "")})))`
      : web;
  };
  const atP = () => `${ps.add(at.toISOString())}::timestamptz`;
  const publicSince = "greatest(l.created_at, a.published_at)";
  const bayesian = () => `((l.rating_sum::float8 + ${ps.add(10)} * c.mean) / (l.rating_count + ${ps.add(10)}))`;
  const isoPublicSince = `to_char(${publicSince} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const columns = `l.id, l.slug, l.name, l.tagline, l.category, l.tags, coalesce(l.logo_url, a.logo_url) as logo_url,
  p.name as partner_name, p.slug as partner_slug, l.rating_count, l.rating_sum, l.install_count, l.featured,
  l.pricing_model, l.monthly_price_cents, ${isoPublicSince} as public_since`;
  const inName = () => `l.search_vector @@ to_tsquery('portico_search', ${ps.add(p.words.map((w) => `${w}:A`).join(" & "))})`;
  const exact = p.words.length
    ? `(case when ${inName()} and btrim(regexp_replace(lower(unaccent(l.name)), '[^[:alnum:]]+', ' ', 'g')) = ${ps.add(p.words.join(" "))} then 1000000 else 0 end)`
    : "0";
  const score = `(${exact} + ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', l.search_vector, ${tsq()}) * (1 + ln(1 + l.install_count) / 5) * (0.5 + ${bayesian()} / 10) * (1 + exp(-greatest(date_part('epoch', ${atP()} - ${publicSince}), 0) / ${ps.add(86400 * 21)})))::float8`;
  const filters = [`l.status = 'published' and a.status = 'published' and p.status = 'active'`, `l.search_vector @@ ${tsq()}`];
  if (category) filters.push(`l.category = ${ps.add(category)}`);
  const joins = "join applications a on a.id = l.application_id join partners p on p.id = l.partner_id";
  const text = `
    with c as (
      select coalesce(rating_sum::float8 / nullif(rating_count, 0), 0) as mean from marketplace_totals where id = 1
    ),
    page as (
      select * from (
        select l.id, ${score} as score
        from listings l ${joins} cross join c
        where ${filters.join(" and ")}
      ) r
      order by r.score desc, r.id desc
      limit ${ps.add(LIMIT + 1)}
    )
    select ${columns}, r.score, ts_headline('portico_search', translate(l.name, ${ps.add("\u0002\u0003")}, ''), ${tsq()}, ${ps.add(HIGHLIGHT)}) as hl_name,
         ts_headline('portico_search', translate(l.tagline, ${ps.add("\u0002\u0003")}, ''), ${tsq()}, ${ps.add(HIGHLIGHT)}) as hl_tagline
    from page r join listings l on l.id = r.id ${joins} order by r.score desc, r.id desc`;
  return { text, params: ps.values };
}

function allowedEdits(word: string): number {
  if (word.length < 3) return 0;
  return word.length < 5 ? 1 : 2;
}

const TERM_SQL = `
  select term, levenshtein_less_equal(term, $1, $2) as d
  from search_terms
  where length(term) between $3 and $4
    and levenshtein_less_equal(term, $5, $6) <= $7
  order by d, similarity(term, $8) desc, term
  limit 1`;

async function correct(run: RawQuery, parsed: ParsedQuery): Promise<string | null> {
  const corrections = new Map<string, string>();
  for (const word of parsed.words.slice(0, 8)) {
    const max = allowedEdits(word);
    if (max === 0) continue;
    const found = (await run(TERM_SQL, [word, max, word.length - max, word.length + max, word, max, max, word]))[0] as { term: string; d: number } | undefined;
    if (found && Number(found.d) > 0) corrections.set(word, found.term);
  }
  return corrections.size ? applyCorrections(parsed.raw, corrections) : null;
}

export type BaselineResult = { ids: string[]; corrected: string | null; statements: number };
export type SearchBuilder = (p: ParsedQuery, category: string | undefined, at: Date) => { text: string; params: unknown[] };

/** The product's path through the database: the search, and when it finds little, the correction and the corrected search. */
export async function baselineSearch(run: RawQuery, q: string, category: string | undefined, build: SearchBuilder = searchSql): Promise<BaselineResult> {
  const parsed = parseQuery(q);
  const at = new Date();
  const first = build(parsed, category, at);
  let rows = await run(first.text, first.params);
  let statements = 1;
  let corrected: string | null = null;
  if (rows.length < FEW_RESULTS) {
    const c = await correct(run, parsed);
    statements += parsed.words.slice(0, 8).filter((w) => allowedEdits(w) > 0).length;
    if (c) {
      const retry = build(parseQuery(c), category, at);
      const better = await run(retry.text, retry.params);
      statements += 1;
      if (better.length > rows.length) {
        rows = better;
        corrected = c;
      }
    }
  }
  return { ids: rows.slice(0, LIMIT).map((r) => String(r.slug)), corrected, statements };
}
