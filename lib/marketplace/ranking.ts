import { sql, type SQL } from "drizzle-orm";

// The ranking signals, as SQL over `l` (listings), `a` (its application) and `t` (its
// trending counts), evaluated at a fixed instant `at` so that every page of one search
// sees the same scores (a cursor carries its search's instant).

/** Bayesian prior weight: how many reviews at the catalogue mean every listing starts with. */
export const BAYES_M = 10;

/** When the listing became public: its creation, or its app's publication if that came later. */
export const publicSince = sql`greatest(l.created_at, a.published_at)`;

/** `(v·R + m·C)/(v + m)` with C the mean over all visible reviews (`c.mean`, from marketplace_totals). */
export const bayesian = sql`((l.rating_sum::float8 + ${BAYES_M} * c.mean) / (l.rating_count + ${BAYES_M}))`;

/** Installs count, with diminishing returns: 0 → 1, 100 → 1.9, 10 000 → 2.8. */
const popularity = sql`(1 + ln(1 + l.install_count) / 5)`;

/** 0.5 for the worst possible score, 1 for a perfect one, so rating tilts relevance without swamping it. */
const ratingFactor = sql`(0.5 + ${bayesian} / 10)`;

/** A boost for new listings that fades: ×2 on the day of publication, ×1.24 after a month, → ×1. */
function freshness(at: SQL) {
  // date_part is float8; extract() would be numeric and slow on every matching row.
  return sql`(1 + exp(-greatest(date_part('epoch', ${at} - ${publicSince}), 0) / ${86400 * 21}))`;
}

/** Relevance: an exact name match first, then text rank (weights D, C, B, A) times popularity, rating and freshness. */
export function relevance(tsq: SQL, words: string[], at: SQL): SQL {
  // The costly comparison runs only where every word is in the name (weight A), found by the index-friendly vector test.
  const inName = sql`l.search_vector @@ to_tsquery('portico_search', ${words.map((w) => `${w}:A`).join(" & ")})`;
  const exact = words.length
    ? sql`(case when ${inName} and btrim(regexp_replace(lower(unaccent(l.name)), '[^[:alnum:]]+', ' ', 'g')) = ${words.join(" ")} then 1000000 else 0 end)`
    : sql`0`;
  return sql`(${exact} + ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', l.search_vector, ${tsq}) * ${popularity} * ${ratingFactor} * ${freshness(at)})::float8`;
}

/**
 * Trending (contract): distinct accounts installing in the last 7 days, over (the 28 days
 * before ÷ 4 + 5). Installs by the partner's own members and installs removed within 24 h
 * do not count. A lateral subquery per listing over integrations(application_id, created_at).
 */
export function trendingJoin(at: SQL): SQL {
  // An install counts from its consent (connected_at): a pending one, never authorized, is not an install.
  return sql`left join lateral (
    select
      count(distinct i.account_id) filter (where i.connected_at >= ${at} - interval '7 days') as recent,
      count(distinct i.account_id) filter (where i.connected_at < ${at} - interval '7 days') as before
    from integrations i
    where i.application_id = l.application_id
      and i.connected_at >= ${at} - interval '35 days' and i.connected_at < ${at}
      and (i.uninstalled_at is null or i.uninstalled_at >= i.connected_at + interval '24 hours')
      and (i.installed_by is null or not exists (
        select 1 from partner_members pm where pm.partner_id = l.partner_id and pm.user_id = i.installed_by))
  ) t on true`;
}

export const trendingScore = sql`(coalesce(t.recent, 0)::float8 / (coalesce(t.before, 0)::float8 / 4 + 5))`;
