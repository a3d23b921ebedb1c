"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import type { ListingItem, ListingSearchPage } from "@/lib/marketplace/schemas";
import { apiQuery, BROWSE_PAGE_SIZE, type BrowseParams } from "./browse-params";
import { ListingCard, ListingCardSkeleton } from "./listing-card";

/**
 * Search or category results: the first page comes rendered from the server; "Load more"
 * fetches the next one from the API with the same filters (the cursor carries any spelling
 * correction along) and appends it, moving focus to the first new card.
 */
export function ListingGrid({
  initial,
  params,
  categoryNames,
  label,
}: {
  initial: ListingSearchPage;
  params: BrowseParams;
  /** Category names by slug, to name each card's category where they are mixed. */
  categoryNames?: Record<string, string>;
  label: string;
}) {
  const query = apiQuery(params, BROWSE_PAGE_SIZE);
  const list = useInfiniteQuery({
    queryKey: ["marketplace", "browse", query],
    queryFn: ({ pageParam }) => apiFetch<ListingSearchPage>(`/marketplace/listings?${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    // Each fetch counts search impressions: never refetch on its own.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const items: ListingItem[] = list.data.pages.flatMap((p) => p.data);
  const listRef = useRef<HTMLUListElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const [announce, setAnnounce] = useState("");

  useEffect(() => {
    if (focusFrom === null || items.length <= focusFrom) return;
    listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-listing-link]")[focusFrom]?.focus();
  }, [focusFrom, items.length]);

  const loadMore = async () => {
    const before = items.length;
    const res = await list.fetchNextPage();
    const after = res.data?.pages.flatMap((p) => p.data).length ?? before;
    setAnnounce(after > before ? `${after - before} more ${after - before === 1 ? "app" : "apps"} loaded.` : "No more apps.");
    setFocusFrom(before);
  };

  return (
    <div>
      <ul ref={listRef} aria-label={label} className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((l) => (
          <li key={l.slug} className="flex">
            <ListingCard listing={l} fromSearch categoryName={l.category ? categoryNames?.[l.category] : undefined} headingLevel={2} />
          </li>
        ))}
        {list.isFetchingNextPage &&
          [0, 1, 2].map((i) => (
            <li key={`loading-${i}`} className="flex" aria-hidden>
              <ListingCardSkeleton />
            </li>
          ))}
      </ul>
      <p role="status" className="sr-only">
        {list.isFetchingNextPage ? "Loading more apps…" : announce}
      </p>
      {list.isFetchNextPageError && (
        <p role="alert" className="mt-4 text-center text-sm text-red-700">
          More apps could not be loaded. {list.error instanceof Error ? list.error.message : ""}
        </p>
      )}
      {list.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button variant="secondary" onClick={loadMore} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      )}
    </div>
  );
}
