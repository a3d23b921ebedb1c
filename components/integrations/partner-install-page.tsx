"use client";

import { parseAsNumberLiteral, useQueryState } from "nuqs";
import { Card } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { ErrorsTable } from "./errors-table";
import { HealthHistory } from "./health-history";
import { checkable, HealthSummary, RunCheckButton } from "./health-summary";
import { TrafficCharts, UptimeChart } from "./metrics-charts";
import { useIntegration, useMetrics } from "./queries";

const ranges = [
  { value: 7, label: "7 days" },
  { value: 30, label: "30 days" },
  { value: 90, label: "90 days" },
] as const;

/** One install of the partner's app, read-only (but for a health check on demand): health, error rate, traffic and latency, checks and errors. */
export function PartnerInstallPage({ integrationId, canRunCheck }: { integrationId: string; canRunCheck: boolean }) {
  const [days, setDays] = useQueryState("days", parseAsNumberLiteral(ranges.map((r) => r.value)).withDefault(30));
  const item = useIntegration(integrationId);
  const metrics = useMetrics(integrationId, days);
  if (item.isPending) return <LoadingState label="Loading the install…" />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  const integration = item.data;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="install-facts">
          Installed <Time value={integration.installedAt} />
        </p>
        <Segmented label="Date range" options={ranges} value={days} onChange={(d) => void setDays(d)} />
      </div>
      <HealthSummary
        integration={integration}
        metrics={metrics.data?.rows}
        days={days}
        side="partner"
        // Testing its own health endpoint against a customer's install is the partner's to do too.
        checkAction={canRunCheck && checkable.has(integration.status) ? <RunCheckButton integrationId={integrationId} /> : undefined}
      />
      {metrics.isError ? (
        <Card title="Metrics">
          <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
        </Card>
      ) : metrics.data ? (
        <div className="grid gap-6" aria-busy={metrics.isFetching && metrics.isPlaceholderData}>
          <TrafficCharts days={metrics.data.days} rows={metrics.data.rows} />
          <UptimeChart days={metrics.data.days} rows={metrics.data.rows} />
        </div>
      ) : (
        <Card title="Metrics">
          <LoadingState label="Loading metrics…" />
        </Card>
      )}
      <HealthHistory integrationId={integrationId} />
      <ErrorsTable integrationId={integrationId} side="partner" />
    </div>
  );
}
