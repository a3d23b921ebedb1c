"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/components/api/api-fetch";
import type { Endpoint, EventTypeCatalog, WebhookStats } from "./types";

/** Every endpoint (a partner has a handful), for pickers and for naming endpoints in the log. */
export function useAllEndpoints(partnerId: string) {
  return useQuery({
    queryKey: ["webhook-endpoints", partnerId, "all"],
    queryFn: () => apiFetch<Page<Endpoint>>("/webhooks/endpoints?limit=100"),
  });
}

export function useWebhookStats(partnerId: string) {
  return useQuery({ queryKey: ["webhook-stats", partnerId], queryFn: () => apiFetch<WebhookStats>("/webhooks/stats") });
}

export function useEventTypes() {
  return useQuery({ queryKey: ["event-types"], queryFn: () => apiFetch<EventTypeCatalog>("/event-types"), staleTime: 5 * 60_000 });
}
