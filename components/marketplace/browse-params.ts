import { MAX_QUERY_LENGTH, parseQuery } from "@/lib/marketplace/query-text";
import type { SearchSort } from "@/lib/marketplace/schemas";

// What a browse page (search results, a category) reads from its URL, and the links that
// change one part of it. A hand-edited link never fails: an unknown value reads as "not set".

export type BrowseParams = {
  q: string;
  category?: string;
  sort?: SearchSort;
  pricing?: "free" | "paid";
  minRating?: number;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Cards per page of results (fills rows of two and three). */
export const BROWSE_PAGE_SIZE = 24;

export const ratingFloors = [4.5, 4, 3] as const;

export const sortLabels: Record<SearchSort, string> = {
  relevance: "Best match",
  trending: "Trending",
  rating: "Top rated",
  installs: "Most installed",
  newest: "Newest",
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Type-only import above: client components use these helpers, and the schemas would bring zod along.
const sorts = Object.keys(sortLabels) as SearchSort[];

/** True when the text has something to search for (not only spaces, quotes or exclusions). */
export function isSearchable(q: string): boolean {
  return q.trim() !== "" && !parseQuery(q).empty;
}

export function readBrowseParams(sp: RawSearchParams, categorySlugs: readonly string[]): BrowseParams {
  const q = (first(sp.q) ?? "").slice(0, MAX_QUERY_LENGTH).trim();
  const sort = first(sp.sort);
  const category = first(sp.category);
  const pricing = first(sp.pricing);
  const minRating = Number(first(sp.minRating));
  return {
    q,
    category: category && categorySlugs.includes(category) ? category : undefined,
    // "Best match" needs something to match.
    sort: (sorts as readonly string[]).includes(sort ?? "") && (sort !== "relevance" || isSearchable(q)) ? (sort as SearchSort) : undefined,
    pricing: pricing === "free" || pricing === "paid" ? pricing : undefined,
    minRating: (ratingFloors as readonly number[]).includes(minRating) ? minRating : undefined,
  };
}

/** The sort a search runs with: the chosen one, else best match with a query and trending without. */
export function effectiveSort(p: BrowseParams): SearchSort {
  return p.sort ?? (isSearchable(p.q) ? "relevance" : "trending");
}

/** The URL's query string for these parameters, in a fixed order, defaults left out. */
export function browseQuery(p: BrowseParams): string {
  const s = new URLSearchParams();
  if (p.q) s.set("q", p.q);
  if (p.category) s.set("category", p.category);
  if (p.sort && p.sort !== effectiveSort({ ...p, sort: undefined })) s.set("sort", p.sort);
  if (p.pricing) s.set("pricing", p.pricing);
  if (p.minRating !== undefined) s.set("minRating", String(p.minRating));
  const text = s.toString();
  return text ? `?${text}` : "";
}

export function browseHref(path: string, p: BrowseParams): string {
  return `${path}${browseQuery(p)}`;
}

/** The API's query string for the same search (for "Load more" and the suggestions). */
export function apiQuery(p: BrowseParams, limit: number): string {
  const s = new URLSearchParams();
  if (p.q) s.set("q", p.q);
  if (p.category) s.set("category", p.category);
  if (p.sort) s.set("sort", p.sort);
  if (p.pricing) s.set("pricing", p.pricing);
  if (p.minRating !== undefined) s.set("minRating", String(p.minRating));
  s.set("limit", String(limit));
  return s.toString();
}

export function hasFilters(p: BrowseParams): boolean {
  return p.category !== undefined || p.pricing !== undefined || p.minRating !== undefined;
}

/** A listing page's address; `fromSearch` marks a click from search results (counted as a search click-through). */
export function listingHref(slug: string, fromSearch: boolean): string {
  return `/marketplace/apps/${encodeURIComponent(slug)}${fromSearch ? "?ref=search" : ""}`;
}
