"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import { lastDays } from "@/components/charts/daily-chart";
import type { Integration, IntegrationMetrics, MappingList, MetricDay, PlatformField, Uptime } from "./types";

// Query keys and readers for one integration. Everything under ["integration", id] is refetched
// together after a change (a health check moves the status, the history and the uptime at once).

export const integrationKey = (id: string) => ["integration", id] as const;

export function useIntegration(id: string) {
  return useQuery({
    queryKey: [...integrationKey(id), "item"],
    queryFn: () => apiFetch<Integration>(`/integrations/${id}`),
    // Health checks run every 5 minutes: an open page follows them.
    refetchInterval: 60_000,
  });
}

/** Per-day requests, errors, latency and uptime for the last `days` UTC days (today included), every day present. */
export function useMetrics(id: string, days: number, opts: { poll?: boolean } = {}) {
  const range = lastDays(days);
  const from = range[0];
  const to = range[range.length - 1];
  return useQuery({
    queryKey: [...integrationKey(id), "metrics", from, to],
    queryFn: async () => {
      const m = await apiFetch<IntegrationMetrics>(`/integrations/${id}/metrics?${new URLSearchParams({ from, to })}`);
      return { days: range, rows: m.data };
    },
    placeholderData: keepPreviousData,
    refetchInterval: opts.poll === false ? false : 60_000,
  });
}

/** Healthy checks over all checks of the last `days` (at most 30: checks are kept that long). */
export function useUptime(id: string, days: number) {
  return useQuery({
    queryKey: [...integrationKey(id), "uptime", Math.min(days, 30)],
    queryFn: () => apiFetch<Uptime>(`/integrations/${id}/uptime?days=${Math.min(days, 30)}`),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Errors over requests across the rows, 0–1; null without requests. */
export function errorRate(rows: readonly MetricDay[]): number | null {
  const requests = rows.reduce((n, r) => n + r.requests, 0);
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  return requests > 0 ? errors / requests : null;
}

/** A share (0–1) as a percentage: "0.4%", "12.5%"; tiny shares keep two decimals so they do not read as 0. */
export const percent = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : digits)}%`);

export function useMappings(id: string) {
  return useQuery({
    queryKey: [...integrationKey(id), "mappings"],
    queryFn: () => apiFetch<MappingList>(`/integrations/${id}/mappings`),
  });
}

export function usePlatformFields() {
  return useQuery({
    queryKey: ["integration-fields"],
    queryFn: async () => (await apiFetch<{ data: PlatformField[] }>("/integrations/fields")).data,
    staleTime: 5 * 60_000,
  });
}

export type EventTypeSample = { name: string; area: string; examplePayload: Record<string, unknown>; deprecated: boolean };

export function useEventTypes() {
  return useQuery({
    queryKey: ["event-types"],
    queryFn: async () => (await apiFetch<{ data: EventTypeSample[] }>("/event-types")).data,
    staleTime: 5 * 60_000,
  });
}
