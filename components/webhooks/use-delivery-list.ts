"use client";

import { usePagedList } from "@/components/api/use-paged-list";
import type { Delivery } from "./types";

export type DeliveryFilters = { status?: string; endpointId?: string; eventType?: string; from?: string };

/** The delivery log: cursor pages (with a back stack) that refresh themselves every 5 s. */
export function useDeliveryList(partnerId: string, filters: DeliveryFilters, limit = 25) {
  return usePagedList<Delivery>(["webhook-deliveries", partnerId], "/webhooks/deliveries", filters, limit, { refetchInterval: 5_000 });
}
