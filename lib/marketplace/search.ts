import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { listedWhere, listingItemColumns, listingJoins, toListingItem, type ListingItemRow } from "./listing-item";
import { parseQuery, type ParsedQuery } from "./query-text";
import { bayesian, publicSince, relevance, trendingJoin, trendingScore } from "./ranking";
import type { ListingItem, ListingSearchPage, SearchListingsQuery, SearchSort } from "./schemas";
import { decodeSearchCursor, encodeSearchCursor } from "./search-cursor";
import { recordImpressions } from "./listing-stats";
import { correctQuery } from "./typo-correction";

/** Fewer full-text hits than this on a first page, and a spelling correction is tried. */
const FEW_RESULTS = 3;

// Highlight markers: control characters that listing text cannot hold (the schemas refuse them,
// and the highlighted copy drops any that older rows or app names carry), so splitting is unambiguous.
const START = "\u0002";
const STOP = "\u0003";

type Search = {
  parsed: ParsedQuery | null;
  sort: SearchSort;
  filters: Pick<SearchListingsQuery, "category" | "pricing" | "minRating">;
  limit: number;
  at: Date;
  after: { s: number; id: string } | null;
};

/** The tsquery of a parsed query: websearch syntax for phrases and exclusions, AND the last word as a prefix. */
export function tsQuery(p: ParsedQuery): SQL {
  const web = sql`websearch_to_tsquery('portico_search', ${p.websearch})`;
  if (!p.prefix) return web;
  // The last word matches as a prefix of its letters, or whole as the parser reads it ("policy.io", "rate@home").
  return sql`(${web} && (to_tsquery('portico_search', ${`${p.prefix}:*`}) || websearch_to_tsquery('portico_search', ${p.tail ?? ""})))`;
}

function scoreOf(s: Search, tsq: SQL | null): SQL {
  const at = sql`${s.at.toISOString()}::timestamptz`;
  switch (s.sort) {
    case "relevance":
      return tsq && s.parsed ? relevance(tsq, s.parsed.words, at) : trendingScore;
    case "trending":
      return trendingScore;
    case "rating":
      return sql`${bayesian}::float8`;
    case "installs":
      return sql`l.install_count::float8`;
    case "newest":
      return sql`extract(epoch from ${publicSince})::float8`;
  }
}

async function runSearch(db: Db, s: Search): Promise<{ rows: (ListingItemRow & { score: number; hl_name?: string; hl_tagline?: string })[]; more: boolean }> {
  const tsq = s.parsed ? tsQuery(s.parsed) : null;
  const at = sql`${s.at.toISOString()}::timestamptz`;
  const needsTrending = s.sort === "trending" || (s.sort === "relevance" && !tsq);
  const filters: SQL[] = [listedWhere];
  if (tsq) filters.push(sql`l.search_vector @@ ${tsq}`);
  if (s.filters.category) filters.push(sql`l.category = ${s.filters.category}`);
  if (s.filters.pricing) filters.push(sql`l.pricing_model = ${s.filters.pricing}`);
  if (s.filters.minRating !== undefined && s.filters.minRating > 0)
    filters.push(sql`l.rating_count > 0 and round(l.rating_sum::numeric / l.rating_count, 1) >= ${s.filters.minRating}`);
  const after = s.after ? sql`where (r.score < ${s.after.s}::float8 or (r.score = ${s.after.s}::float8 and r.id < ${s.after.id}::uuid))` : sql``;
  const highlight = tsq
    ? sql`, ts_headline('portico_search', translate(l.name, ${START + STOP}, ''), ${tsq}, ${`HighlightAll=true, StartSel=${START}, StopSel=${STOP}`}) as hl_name,
         ts_headline('portico_search', translate(l.tagline, ${START + STOP}, ''), ${tsq}, ${`HighlightAll=true, StartSel=${START}, StopSel=${STOP}`}) as hl_tagline`
    : sql``;
  // Rank on ids and scores alone; the card's columns and partner are read for the page's rows only.
  const result = await db.execute(sql`
    with c as (
      select coalesce(rating_sum::float8 / nullif(rating_count, 0), 0) as mean from marketplace_totals where id = 1
    ),
    page as (
      select * from (
        select l.id, ${scoreOf(s, tsq)} as score
        from listings l ${listingJoins} cross join c
        ${needsTrending ? trendingJoin(at) : sql``}
        where ${sql.join(filters, sql` and `)}
      ) r
      ${after}
      order by r.score desc, r.id desc
      limit ${s.limit + 1}
    )
    select ${listingItemColumns}, r.score ${highlight}
    from page r join listings l on l.id = r.id ${listingJoins}
    order by r.score desc, r.id desc`);
  const rows = rowsOf<ListingItemRow & { score: number; hl_name?: string; hl_tagline?: string }>(result);
  return { rows: rows.slice(0, s.limit), more: rows.length > s.limit };
}

/** Splits a ts_headline result into matched and unmatched parts. */
export function segments(headline: string): { text: string; match: boolean }[] {
  const out: { text: string; match: boolean }[] = [];
  for (const part of headline.split(START)) {
    const [matched, rest] = part.includes(STOP) ? part.split(STOP, 2) : [null, part];
    if (matched) out.push({ text: matched, match: true });
    if (rest) out.push({ text: rest, match: false });
  }
  return out;
}

/** GET /marketplace/listings: search, browse and filter the public catalogue. */
export async function searchListings(db: Db, query: SearchListingsQuery): Promise<ListingSearchPage> {
  const typed = query.q?.trim() ? parseQuery(query.q) : null;
  const sort: SearchSort = query.sort ?? (typed && !typed.empty ? "relevance" : "trending");
  const cursor = query.cursor ? decodeSearchCursor(query.cursor, sort) : null;
  // After a correction, later pages continue the corrected query.
  const parsed = cursor?.cq ? parseQuery(cursor.cq) : typed && !typed.empty ? typed : null;
  const base: Search = {
    parsed,
    sort,
    filters: { category: query.category, pricing: query.pricing, minRating: query.minRating },
    limit: query.limit,
    at: cursor ? new Date(cursor.at) : new Date(),
    after: cursor ? { s: cursor.s, id: cursor.id } : null,
  };
  let search = base;
  let found = await runSearch(db, search);
  let correctedQuery: string | null = cursor?.cq ?? null;
  if (!cursor && parsed && found.rows.length < FEW_RESULTS) {
    const corrected = await correctQuery(db, parsed);
    if (corrected) {
      const retry = { ...base, parsed: parseQuery(corrected) };
      const better = await runSearch(db, retry);
      if (better.rows.length > found.rows.length) {
        search = retry;
        found = better;
        correctedQuery = corrected;
      }
    }
  }

  const data: ListingItem[] = found.rows.map((r) => ({
    ...toListingItem(r),
    ...(r.hl_name !== undefined ? { highlight: { name: segments(r.hl_name), tagline: segments(r.hl_tagline ?? "") } } : {}),
  }));
  recordImpressions(found.rows.map((r) => r.id));
  const last = found.rows[found.rows.length - 1];
  const nextCursor =
    found.more && last
      ? encodeSearchCursor({ k: sort, s: Number(last.score), id: last.id, at: search.at.toISOString(), ...(correctedQuery ? { cq: correctedQuery } : {}) })
      : null;
  return { data, nextCursor, sort, correctedQuery };
}
