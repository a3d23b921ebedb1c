"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import type { ListingItem, ListingSearchPage } from "@/lib/marketplace/schemas";
import { browseHref, isSearchable, listingHref, type BrowseParams } from "./browse-params";
import { Highlighted } from "./browse-highlight";
import { ListingLogo } from "./browse-logo";

const SUGGESTIONS = 6;
const DEBOUNCE_MS = 200;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * The marketplace search box: suggestions as you type (an ARIA 1.2 combobox with a listbox
 * popup). Up and Down move through the apps and a last "See all results" option; Enter opens
 * the highlighted one, or, with none highlighted, the results page; Escape closes the list
 * (and clears the box when it is already closed). Without JavaScript it is a plain GET form
 * to the results page.
 */
export function SearchBox({
  initialQuery = "",
  keep = {},
  size = "md",
  label = "Search the marketplace",
  placeholder = "Search apps",
}: {
  initialQuery?: string;
  /** Filters the results page keeps when a search is submitted from here (a category page's category). */
  keep?: Omit<BrowseParams, "q" | "sort">;
  size?: "md" | "lg";
  label?: string;
  placeholder?: string;
}) {
  const router = useRouter();
  const id = useId();
  const listboxId = `${id}-listbox`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initialQuery);
  const [open, setOpen] = useState(false);
  // The highlighted option belongs to the list it was chosen in: when the suggestions change
  // under it (they arrived after a quick arrow press), nothing is highlighted.
  const [highlight, setHighlight] = useState({ index: -1, list: "" });
  const debounced = useDebounced(value.trim(), DEBOUNCE_MS);
  const searchable = isSearchable(debounced);

  const scope = new URLSearchParams();
  if (keep.category) scope.set("category", keep.category);
  if (keep.pricing) scope.set("pricing", keep.pricing);
  if (keep.minRating !== undefined) scope.set("minRating", String(keep.minRating));
  const scopeText = scope.toString();

  const suggestions = useQuery({
    queryKey: ["marketplace", "suggest", debounced, scopeText],
    queryFn: () =>
      apiFetch<ListingSearchPage>(`/marketplace/listings?q=${encodeURIComponent(debounced)}&limit=${SUGGESTIONS}${scopeText ? `&${scopeText}` : ""}`),
    enabled: searchable,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });

  const typed = value.trim();
  const items: ListingItem[] = searchable && typed ? (suggestions.data?.data ?? []) : [];
  const corrected = searchable && typed ? (suggestions.data?.correctedQuery ?? null) : null;
  // The apps, then "See all results for …".
  const optionCount = items.length + 1;
  const listKey = `${typed}|${items.map((l) => l.slug).join(",")}`;
  const active = highlight.list === listKey ? highlight.index : -1;
  const setActive = (index: number) => setHighlight({ index, list: listKey });
  const showPopup = open && typed !== "" && isSearchable(typed);
  const waiting = showPopup && (debounced !== typed || (suggestions.isFetching && !suggestions.data));
  const listShown = showPopup && !suggestions.isError;
  const optionId = (i: number) => `${id}-option-${i}`;

  const resultsHref = (q: string) => browseHref("/marketplace/search", { q, ...keep });

  const choose = (index: number) => {
    setOpen(false);
    setActive(-1);
    if (index >= 0 && index < items.length) router.push(listingHref(items[index].slug, true));
    else router.push(resultsHref(typed));
  };

  const submit = () => {
    if (!isSearchable(typed)) {
      inputRef.current?.focus();
      return;
    }
    choose(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (!typed || !isSearchable(typed)) return;
        e.preventDefault();
        const down = e.key === "ArrowDown";
        if (!open) {
          setOpen(true);
          setActive(down ? 0 : optionCount - 1);
          return;
        }
        if (active < 0 || active >= optionCount) setActive(down ? 0 : optionCount - 1);
        else setActive(down ? (active + 1) % optionCount : (active - 1 + optionCount) % optionCount);
        return;
      }
      case "Enter":
        e.preventDefault();
        if (showPopup && active >= 0 && active < optionCount) choose(active);
        else submit();
        return;
      case "Escape":
        if (showPopup) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (value) {
          e.preventDefault();
          setValue("");
        }
        return;
      case "Tab":
        setOpen(false);
        setActive(-1);
        return;
    }
  };

  const status = !showPopup
    ? ""
    : waiting
      ? "Searching…"
      : suggestions.isError
        ? "Suggestions are unavailable. Press Enter to search."
        : items.length === 0
          ? `No apps match. Press Enter to search for ${typed}.`
          : `${items.length} ${items.length === 1 ? "app" : "apps"} found${corrected ? `, showing results for ${corrected}` : ""}. Use the up and down arrows to choose.`;

  const big = size === "lg";
  return (
    <form
      role="search"
      action="/marketplace/search"
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="relative w-full"
    >
      <label htmlFor={`${id}-input`} className="sr-only">
        {label}
      </label>
      <div className="relative">
        <Search aria-hidden className={`pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-slate-500 ${big ? "size-5" : "size-4"}`} />
        <input
          ref={inputRef}
          id={`${id}-input`}
          name="q"
          type="text"
          inputMode="search"
          enterKeyHint="search"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={200}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={listShown}
          aria-controls={listShown ? listboxId : undefined}
          aria-activedescendant={listShown && active >= 0 ? optionId(active) : undefined}
          placeholder={placeholder}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          className={`block w-full rounded-lg border-0 bg-white text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500 focus:outline-none ${
            big ? "py-3 pr-24 pl-11 text-base" : "py-2 pr-20 pl-9 text-sm"
          }`}
        />
        <button
          type="submit"
          className={`absolute top-1/2 right-1.5 -translate-y-1/2 rounded-md bg-brand-600 font-medium text-white hover:bg-brand-700 ${big ? "px-4 py-2 text-sm" : "px-3 py-1 text-xs"}`}
        >
          Search
        </button>
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      {showPopup && (
        <div className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg">
          {corrected && (
            <p className="border-b border-slate-200 px-3 py-2 text-xs text-slate-600">
              Showing results for <strong className="font-semibold text-slate-900">{corrected}</strong>
            </p>
          )}
          {waiting && items.length === 0 && <p className="px-3 py-3 text-sm text-slate-600">Searching…</p>}
          {suggestions.isError && <p className="px-3 py-3 text-sm text-slate-600">Suggestions are unavailable right now. Press Enter to search.</p>}
          {!waiting && !suggestions.isError && items.length === 0 && (
            <p className="px-3 py-3 text-sm text-slate-600">
              No apps match <span className="font-medium text-slate-900">“{typed}”</span>.
            </p>
          )}
          {listShown && (
            <ul id={listboxId} role="listbox" aria-label="Suggestions" className="max-h-[min(24rem,60vh)] overflow-y-auto py-1">
              {items.map((l, i) => (
                <li
                  key={l.slug}
                  id={optionId(i)}
                  role="option"
                  // Named by the app and its partner; the tagline is for the eye.
                  aria-label={`${l.name}, by ${l.partner.name}`}
                  aria-selected={i === active}
                  // Keep the focus in the box: the click below still lands.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => active !== i && setActive(i)}
                  onClick={() => choose(i)}
                  className={`flex cursor-pointer items-center gap-3 px-3 py-2 ${i === active ? "bg-brand-50" : ""}`}
                >
                  <ListingLogo name={l.name} url={l.logoUrl} size="sm" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-sm font-medium text-slate-900">
                      <Highlighted segments={l.highlight?.name} text={l.name} />
                    </span>
                    <span className="block truncate text-xs text-slate-600">
                      <Highlighted segments={l.highlight?.tagline} text={l.tagline} />
                    </span>
                  </span>
                  <span className="hidden shrink-0 text-xs text-slate-600 sm:block">{l.partner.name}</span>
                </li>
              ))}
              <li
                id={optionId(items.length)}
                role="option"
                aria-selected={active === items.length}
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => active !== items.length && setActive(items.length)}
                onClick={() => choose(items.length)}
                className={`flex cursor-pointer items-center gap-2 border-t border-slate-200 px-3 py-2 text-sm text-brand-700 ${active === items.length ? "bg-brand-50" : ""}`}
              >
                <Search aria-hidden className="size-4 shrink-0" />
                <span className="truncate">
                  See all results for <span className="font-medium">“{typed}”</span>
                </span>
              </li>
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
