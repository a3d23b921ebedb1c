"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import type { Application, SecurityCheckList } from "./types";

// Query keys of the apps area: everything about one app starts with ["application", id], so one
// invalidation after a step (submit, publish, an edit) refreshes the app, its checks, versions and timeline.

export const appKeys = {
  list: (partnerId: string) => ["applications", partnerId] as const,
  app: (id: string) => ["application", id] as const,
  checks: (id: string) => ["application", id, "checks"] as const,
  versions: (id: string) => ["application", id, "versions"] as const,
  timeline: (id: string) => ["application", id, "timeline"] as const,
  signingSecret: (id: string) => ["application", id, "signing-secret"] as const,
};

export function useApplication(id: string, initialData?: Application) {
  return useQuery({ queryKey: appKeys.app(id), queryFn: () => apiFetch<Application>(`/applications/${id}`), initialData });
}

/** The current version's checks; polls while live probes are still running. */
export function useSecurityChecks(id: string) {
  return useQuery({
    queryKey: appKeys.checks(id),
    queryFn: () => apiFetch<SecurityCheckList>(`/applications/${id}/security-checks`),
    refetchInterval: (q) => (q.state.data?.running.length ? 2_000 : false),
  });
}

/** Refreshes everything shown about one app (and the apps list). The signing secret is left alone: it is only read on demand. */
export function useRefreshApp(id: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ["application", id], predicate: (q) => q.queryKey[2] !== "signing-secret" }),
      qc.invalidateQueries({ queryKey: ["applications"] }),
    ]);
}
