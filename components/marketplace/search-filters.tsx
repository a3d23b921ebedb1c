"use client";

import { X } from "lucide-react";
import Link from "next/link";
import type { Category, SearchSort } from "@/lib/marketplace/schemas";
import { browseHref, effectiveSort, hasFilters, isSearchable, ratingFloors, sortLabels, type BrowseParams } from "./browse-params";
import { useBrowseNavigate } from "./browse-transition";

/**
 * Category, price, rating and sort as selects; each change is a new URL (so a view can be linked
 * and Back undoes it) that the server renders. "Best match" is offered only with a query.
 */
export function SearchFilters({
  path,
  params,
  categories,
}: {
  path: string;
  params: BrowseParams;
  /** Given on the results page; a category page has its category in the path instead. */
  categories?: Pick<Category, "slug" | "name">[];
}) {
  const { pending, navigate } = useBrowseNavigate();
  // On a category page the category is the path, not a parameter.
  const inUrl = categories ? params : { ...params, category: undefined };
  const set = (patch: Partial<BrowseParams>) => navigate(browseHref(path, { ...inUrl, ...patch }));
  const sortOptions = (Object.keys(sortLabels) as SearchSort[]).filter((s) => s !== "relevance" || isSearchable(params.q));
  const control =
    "block w-full rounded-md sm:w-auto sm:min-w-[9rem] border-0 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500";
  return (
    <div className="grid grid-cols-2 items-end gap-x-3 gap-y-2 sm:flex sm:flex-wrap">
      {categories && (
        <FilterField label="Category">
          <select className={control} value={params.category ?? ""} onChange={(e) => set({ category: e.target.value || undefined })}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </FilterField>
      )}
      <FilterField label="Price">
        <select className={control} value={params.pricing ?? ""} onChange={(e) => set({ pricing: (e.target.value || undefined) as BrowseParams["pricing"] })}>
          <option value="">Any price</option>
          <option value="free">Free</option>
          <option value="paid">Paid</option>
        </select>
      </FilterField>
      <FilterField label="Rating">
        <select className={control} value={params.minRating ?? ""} onChange={(e) => set({ minRating: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">Any rating</option>
          {ratingFloors.map((r) => (
            <option key={r} value={r}>
              {r}★ & up
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField label="Sort by">
        <select className={control} value={effectiveSort(params)} onChange={(e) => set({ sort: e.target.value as SearchSort })}>
          {sortOptions.map((s) => (
            <option key={s} value={s}>
              {sortLabels[s]}
            </option>
          ))}
        </select>
      </FilterField>
      {hasFilters(inUrl) && (
        <Link
          href={browseHref(path, { q: params.q, sort: params.sort })}
          scroll={false}
          className="col-span-2 mb-1 inline-flex items-center gap-1 justify-self-start rounded px-1 py-1 text-sm font-medium text-brand-700 hover:underline"
        >
          <X aria-hidden className="size-4" />
          Clear filters
        </Link>
      )}
      {/* Always present, so screen readers announce the change of text. */}
      <span role="status" className={pending ? "col-span-2 mb-1.5 flex items-center gap-2 text-sm text-slate-600" : "sr-only"}>
        {pending && (
          <>
            <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
            Updating…
          </>
        )}
      </span>
    </div>
  );
}

function FilterField({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-700">
      {label}
      {children}
    </label>
  );
}
