"use client";

import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api/api-fetch";
import { REVIEWS_PAGE_SIZE, type ReviewPage, type ReviewSort } from "@/lib/marketplace/reviews/schemas";

// The listing page's reviews: pages of one sort and star filter, "Load more" walking the cursor.

export const reviewKeys = {
  all: (slug: string) => ["listing-reviews", slug] as const,
  list: (slug: string, sort: ReviewSort, rating: number | null) => ["listing-reviews", slug, sort, rating] as const,
};

export const reviewsPath = (slug: string) => `/marketplace/listings/${encodeURIComponent(slug)}/reviews`;

export function useReviews(slug: string, sort: ReviewSort, rating: number | null, initial?: ReviewPage) {
  // The server rendered the default view's first page: start from it rather than a spinner.
  const fromServer = initial && sort === "newest" && rating === null ? { pages: [initial], pageParams: [null] } : undefined;
  return useInfiniteQuery({
    queryKey: reviewKeys.list(slug, sort, rating),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const qs = new URLSearchParams({ sort, limit: String(REVIEWS_PAGE_SIZE) });
      if (rating !== null) qs.set("rating", String(rating));
      if (pageParam) qs.set("cursor", pageParam);
      return apiFetch<ReviewPage>(`${reviewsPath(slug)}?${qs}`);
    },
    getNextPageParam: (last) => last.nextCursor,
    initialData: fromServer,
    // Another sort or filter keeps the current list on screen until its own first page is in.
    placeholderData: keepPreviousData,
  });
}

/**
 * After a change: the review lists of this listing, and the server-rendered parts of the page
 * (its rating in the header and the Ratings panel) are read again.
 */
export function useRefreshReviews(slug: string) {
  const qc = useQueryClient();
  const router = useRouter();
  return async () => {
    await qc.invalidateQueries({ queryKey: reviewKeys.all(slug) });
    router.refresh();
  };
}
