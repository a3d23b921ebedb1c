"use client";

import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { ConfigForm } from "./config-form";
import { ErrorsTable } from "./errors-table";
import { HealthHistory } from "./health-history";
import { checkable, HealthSummary, RunCheckButton } from "./health-summary";
import { MappingsEditor } from "./mappings-editor";
import { UptimeChart } from "./metrics-charts";
import { useIntegration, useMetrics } from "./queries";
import { UninstallCard } from "./uninstall-card";

export type CustomerIntegrationProps = {
  integrationId: string;
  appName: string;
  accountName: string;
  /** The live version's settings schema (the API validates against the same). */
  configSchema: Record<string, unknown> | null;
};

const DAYS = 30;

/** An installed app, for its agency: health, settings, mappings, errors and the way to uninstall it. */
export function CustomerIntegrationPage(props: CustomerIntegrationProps) {
  const { integrationId } = props;
  const item = useIntegration(integrationId);
  const metrics = useMetrics(integrationId, DAYS);
  if (item.isPending) return <LoadingState label="Loading the integration…" />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  const integration = item.data;
  // Owners and admins of the account change things; members read (the API says which the viewer is).
  const canManage = integration.canConfigure;
  const disconnected = integration.status === "disconnected";
  const askAdmin = `Only owners and admins of ${props.accountName} can change this: ask an admin.`;
  const readOnlyReason = disconnected ? "This app is uninstalled: its settings and mappings stay as they were." : canManage ? undefined : askAdmin;

  return (
    <div className="grid gap-6">
      <p className="text-sm text-slate-600" data-testid="integration-facts">
        Installed <Time value={integration.installedAt} />
      </p>
      <HealthSummary
        integration={integration}
        metrics={metrics.data?.rows}
        days={DAYS}
        side="customer"
        checkAction={
          !checkable.has(integration.status) ? undefined : canManage ? (
            <RunCheckButton integrationId={integrationId} />
          ) : (
            <p className="text-xs text-slate-600" data-testid="run-check-ask-admin">
              Ask an admin to run a check now.
            </p>
          )
        }
      />
      {metrics.isError ? (
        <Card title={`Uptime, last ${DAYS} days`}>
          <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
        </Card>
      ) : metrics.data ? (
        <UptimeChart days={metrics.data.days} rows={metrics.data.rows} />
      ) : (
        <Card title={`Uptime, last ${DAYS} days`}>
          <LoadingState label="Loading uptime…" />
        </Card>
      )}
      <HealthHistory integrationId={integrationId} />
      <ConfigForm
        // A new form when which secrets are stored changes: what may stay blank changes with it.
        key={integration.secretFields.map((f) => `${f.name}:${f.set}`).join("|")}
        integration={integration} configSchema={props.configSchema} readOnlyReason={readOnlyReason} />
      <MappingsEditor integrationId={integrationId} readOnlyReason={readOnlyReason} />
      <ErrorsTable integrationId={integrationId} side="customer" />
      {!disconnected && (
        <UninstallCard
          integrationId={integrationId}
          appName={props.appName}
          partnerName={integration.partner.name}
          disabledReason={canManage ? undefined : `Only owners and admins of ${props.accountName} can uninstall apps: ask an admin.`}
        />
      )}
    </div>
  );
}
