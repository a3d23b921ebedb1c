"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import type { ScheduledJobList } from "./types";

/** Query keys of the page: the runs list and the schedules refresh together. */
export const jobKeys = {
  schedules: ["admin-jobs"] as const,
  runs: ["admin-job-runs"] as const,
};

/** Every registered job with its next slot and latest run; refreshed as slots go by. */
export function useScheduledJobs() {
  return useQuery({ queryKey: jobKeys.schedules, queryFn: () => apiFetch<ScheduledJobList>("/jobs"), refetchInterval: 30_000 });
}
