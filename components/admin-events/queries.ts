"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/components/api/api-fetch";
import type { EventDetail, EventStats } from "./types";

/** Query keys shared by the list, the stats strip and the publish form (which invalidates both). */
export const eventKeys = {
  list: ["admin-events"] as const,
  stats: ["admin-event-stats"] as const,
  detail: (id: string) => ["admin-event", id] as const,
};

export function useEventStats() {
  return useQuery({ queryKey: eventKeys.stats, queryFn: () => apiFetch<EventStats>("/events/stats") });
}

export function useEventDetail(id: string) {
  return useQuery({ queryKey: eventKeys.detail(id), queryFn: () => apiFetch<EventDetail>(`/events/${id}`) });
}

export function useActivePartners() {
  return useQuery({
    queryKey: ["partners", "active-options"],
    queryFn: () => apiFetch<Page<{ id: string; name: string }>>("/partners?limit=100&status=active"),
    staleTime: 60_000,
  });
}
