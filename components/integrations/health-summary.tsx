"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import type { ReactNode } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { IntegrationStatusBadge, statusSentence } from "./integration-status";
import { errorRate, integrationKey, percent, useUptime } from "./queries";
import type { HealthCheckResult, Integration, MetricDay } from "./types";

/** The statuses a health check runs for (not pending, not uninstalled). */
export const checkable = new Set<Integration["status"]>(["active", "degraded", "failed"]);

/** Status, last check, uptime and error rate over the range, and (for the account's owners and admins) a check on demand. */
export function HealthSummary({
  integration,
  metrics,
  days,
  side,
  checkAction,
}: {
  integration: Integration;
  /** The range's per-day rows (for the error rate); undefined while loading. */
  metrics: MetricDay[] | undefined;
  days: number;
  side: "customer" | "partner";
  /** What stands where "Run check now" would: the button, a note for members, or nothing. */
  checkAction?: ReactNode;
}) {
  const uptime = useUptime(integration.id, days);
  const uptimeDays = Math.min(days, 30);
  const rate = metrics ? errorRate(metrics) : undefined;
  const requests = metrics?.reduce((n, r) => n + r.requests, 0);
  const tiles = [
    {
      label: "Last check",
      value: <Time value={integration.lastHealthCheckAt} fallback="Never" />,
      detail: integration.lastHealthStatus ?? undefined,
      testId: "health-last-check",
    },
    {
      label: `Uptime, ${uptimeDays} days`,
      value: uptime.data ? (uptime.data.uptime === null ? "—" : `${uptime.data.uptime}%`) : uptime.isError ? "—" : "…",
      detail: uptime.data ? (uptime.data.checks ? `${uptime.data.healthy} of ${uptime.data.checks} checks passed` : "No checks in this period") : undefined,
      testId: "health-uptime",
    },
    {
      label: `Error rate, ${days} days`,
      value: metrics ? percent(rate) : "…",
      detail: requests === undefined ? undefined : `${requests.toLocaleString("en-US")} API ${requests === 1 ? "request" : "requests"}`,
      testId: "health-error-rate",
    },
    { label: "Failures in a row", value: String(integration.consecutiveFailures), testId: "health-failures" },
  ];
  return (
    <Card title="Health" actions={checkAction}>
      <div className="grid gap-4">
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="health-status">
          <IntegrationStatusBadge status={integration.status} />
          <span>{statusSentence(integration.status, integration.consecutiveFailures, side, integration.lastHealthCheckAt !== null)}</span>
        </p>
        <dl className="grid grid-cols-2 gap-3 xl:grid-cols-4">
          {tiles.map((t) => (
            <div key={t.label} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.label}</dt>
              <dd className="mt-1 break-words text-base font-semibold tabular-nums text-slate-900 sm:text-xl [&_time]:whitespace-normal" data-testid={t.testId}>
                {t.value}
              </dd>
              {t.detail && <dd className="mt-0.5 break-words text-xs text-slate-600">{t.detail}</dd>}
            </div>
          ))}
        </dl>
      </div>
    </Card>
  );
}

function describeResult(r: HealthCheckResult): string {
  const parts = [r.healthy ? "Healthy" : "Unhealthy"];
  if (r.httpStatus) parts.push(`HTTP ${r.httpStatus}`);
  parts.push(`${r.latencyMs} ms`);
  if (r.error) parts.push(r.error);
  return `${parts.join(" · ")}. Status: ${r.status}.`;
}

/** "Run check now": one health check at once, its answer read out, and the page's health refetched. */
export function RunCheckButton({ integrationId, disabledReason }: { integrationId: string; disabledReason?: string }) {
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => apiFetch<HealthCheckResult>(`/integrations/${integrationId}/health-check`, { method: "POST", body: {} }),
    meta: { error: "The health check could not run" },
    onSettled: () => qc.invalidateQueries({ queryKey: integrationKey(integrationId) }),
  });
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <p role="status" className="text-xs text-slate-700" data-testid="health-check-result">
        {run.data ? <span className={run.data.healthy ? "text-emerald-700" : "text-red-700"}>{describeResult(run.data)}</span> : null}
      </p>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => run.mutate()}
        disabled={run.isPending || !!disabledReason}
        title={disabledReason}
      >
        <Activity aria-hidden className="size-4" />
        {run.isPending ? "Checking…" : "Run check now"}
      </Button>
    </div>
  );
}
