"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/components/api/api-fetch";
import type { Application, SecurityCheckList, TimelineEntry } from "@/lib/applications/schemas";

// The review page's reads, and what a decision refreshes.

export const reviewKeys = {
  queue: ["review-queue"] as const,
  app: (id: string) => ["application", id] as const,
  checks: (id: string, versionId: string) => ["application", id, "checks", versionId] as const,
  timeline: (id: string) => ["application", id, "timeline"] as const,
};

export function useApplication(id: string) {
  return useQuery({ queryKey: reviewKeys.app(id), queryFn: () => apiFetch<Application>(`/applications/${id}`) });
}

export function useSecurityChecks(id: string, versionId: string) {
  return useQuery({
    queryKey: reviewKeys.checks(id, versionId),
    queryFn: () => apiFetch<SecurityCheckList>(`/applications/${id}/security-checks?versionId=${encodeURIComponent(versionId)}`),
    // The live endpoint probes finish after the submit answered: look again until none is running.
    refetchInterval: (q) => (q.state.data?.running.length ? 2_000 : false),
  });
}

export function useTimeline(id: string) {
  return useQuery({ queryKey: reviewKeys.timeline(id), queryFn: () => apiFetch<Page<TimelineEntry>>(`/applications/${id}/timeline?limit=100`) });
}

/** After a step: the app, its checks and timeline, and the queue it leaves or moves in. */
export function useRefreshReview(id: string) {
  const qc = useQueryClient();
  return () =>
    qc.invalidateQueries({ predicate: (q) => (q.queryKey[0] === "application" && q.queryKey[1] === id) || q.queryKey[0] === reviewKeys.queue[0] });
}
