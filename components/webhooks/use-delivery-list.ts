"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, type Page } from "@/components/api/api-fetch";
import type { Delivery } from "./types";

export type DeliveryFilters = { status?: string; endpointId?: string; eventType?: string; from?: string };

/** The delivery log: cursor pages (with a back stack) that refresh themselves every 5 s. */
export function useDeliveryList(partnerId: string, filters: DeliveryFilters, limit = 25) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const qs = new URLSearchParams();
  Object.entries({ ...filters, limit: String(limit), cursor }).forEach(([k, v]) => v && qs.set(k, v));
  const query = useQuery({
    queryKey: ["webhook-deliveries", partnerId, filters, cursor],
    queryFn: () => apiFetch<Page<Delivery>>(`/webhooks/deliveries?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  return {
    ...query,
    page: cursors.length + 1,
    hasPrevious: cursors.length > 0,
    hasNext: !!query.data?.nextCursor,
    next: () => query.data?.nextCursor && setCursors((c) => [...c, query.data!.nextCursor!]),
    previous: () => setCursors((c) => c.slice(0, -1)),
    reset: () => setCursors([]),
  };
}
