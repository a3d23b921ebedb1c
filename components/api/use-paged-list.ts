"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, type Page } from "./api-fetch";

/**
 * Cursor pagination with a back stack: the API only walks forward. The stack belongs to one set of
 * filters: when `params` change (a filter, or the URL they live in on back/forward), it starts again
 * at page 1 without the caller having to remember to reset it.
 */
export function usePagedList<T>(
  key: unknown[],
  path: string,
  params: Record<string, string | undefined> = {},
  limit = 20,
  opts: { refetchInterval?: number } = {},
) {
  const paramsKey = JSON.stringify(params);
  const [stack, setStack] = useState<{ paramsKey: string; cursors: string[] }>({ paramsKey, cursors: [] });
  const cursors = stack.paramsKey === paramsKey ? stack.cursors : [];
  const setCursors = (next: (c: string[]) => string[]) => setStack({ paramsKey, cursors: next(cursors) });
  const cursor = cursors[cursors.length - 1];
  const qs = new URLSearchParams();
  Object.entries({ ...params, limit: String(limit), cursor }).forEach(([k, v]) => v && qs.set(k, v));
  const query = useQuery({
    queryKey: [...key, params, cursor],
    queryFn: () => apiFetch<Page<T>>(`${path}?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });
  // A later page can empty under the user (they revoked or deleted its last
  // row): step back rather than show an empty list without a way back.
  // (Adjusting state while rendering, as React advises over an effect; it ends on page 1 at the latest.)
  if (!query.isPlaceholderData && query.data?.data.length === 0 && cursors.length > 0) setCursors((c) => c.slice(0, -1));
  return {
    ...query,
    page: cursors.length + 1,
    hasPrevious: cursors.length > 0,
    hasNext: !!query.data?.nextCursor,
    next: () => query.data?.nextCursor && setCursors((c) => [...c, query.data!.nextCursor!]),
    previous: () => setCursors((c) => c.slice(0, -1)),
    reset: () => setCursors(() => []),
  };
}
