import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, applications, integrationHealthChecks, integrations } from "@/db/schema";
import { publishIntegrationEvent } from "@/lib/integrations/integration-events";
import { notifyMany } from "@/lib/notifications/notify";
import type { HealthProbe } from "./send-health-check";

// What a check's result does to the integration (CONTRACT.md, Health checks):
// one failure changes nothing, 3 in a row → degraded, 6 in a row → failed
// (integration.failed published and partner and account notified, once, at
// that transition), and the first success → active. The row is locked while
// the new state is worked out, so a manual check racing the scheduled one is
// counted after it, never over it.

export const DEGRADED_AFTER = 3;
export const FAILED_AFTER = 6;

/** The statuses whose integrations are checked; any other (pending, disconnected) is left alone. */
export const CHECKED_STATUSES = ["active", "degraded", "failed"] as const;
export type CheckedStatus = (typeof CHECKED_STATUSES)[number];
type Status = (typeof integrations.$inferSelect)["status"];

export function isChecked(status: Status): status is CheckedStatus {
  return (CHECKED_STATUSES as readonly string[]).includes(status);
}

export function nextHealthState(current: { status: CheckedStatus; consecutiveFailures: number }, healthy: boolean): { status: CheckedStatus; consecutiveFailures: number } {
  if (healthy) return { status: "active", consecutiveFailures: 0 };
  const failures = current.consecutiveFailures + 1;
  if (failures >= FAILED_AFTER) return { status: "failed", consecutiveFailures: failures };
  if (failures >= DEGRADED_AFTER) return { status: current.status === "failed" ? "failed" : "degraded", consecutiveFailures: failures };
  return { status: current.status, consecutiveFailures: failures };
}

export type RecordedCheck =
  | { recorded: true; status: CheckedStatus; becameFailed: boolean }
  /** The integration left the checked statuses (uninstalled, say) while the check was on the wire. */
  | { recorded: false; status: Status | null; becameFailed: false };

export async function recordHealthCheck(db: Db, integrationId: string, probe: HealthProbe & { checkId: string; checkedAt: Date }): Promise<RecordedCheck> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: integrations.status,
        consecutiveFailures: integrations.consecutiveFailures,
        uninstalledAt: integrations.uninstalledAt,
        accountId: integrations.accountId,
        partnerId: integrations.partnerId,
        applicationId: integrations.applicationId,
        appName: applications.name,
        accountName: accounts.name,
      })
      .from(integrations)
      .innerJoin(applications, eq(applications.id, integrations.applicationId))
      .innerJoin(accounts, eq(accounts.id, integrations.accountId))
      .where(eq(integrations.id, integrationId))
      .for("update", { of: integrations });
    if (!row || row.uninstalledAt || !isChecked(row.status)) return { recorded: false as const, status: row?.status ?? null, becameFailed: false as const };

    const next = nextHealthState({ status: row.status, consecutiveFailures: row.consecutiveFailures }, probe.healthy);
    await tx
      .update(integrations)
      .set({
        status: next.status,
        consecutiveFailures: next.consecutiveFailures,
        lastHealthCheckAt: probe.checkedAt,
        // What the check met, as the integration pages show it: "HTTP 503", or why nothing answered.
        lastHealthStatus: probe.httpStatus !== null ? `HTTP ${probe.httpStatus}` : (probe.error ?? "no answer").slice(0, 200),
        updatedAt: probe.checkedAt,
      })
      .where(eq(integrations.id, integrationId));
    await tx.insert(integrationHealthChecks).values({
      id: probe.checkId,
      integrationId,
      checkedAt: probe.checkedAt,
      healthy: probe.healthy,
      httpStatus: probe.httpStatus,
      latencyMs: probe.latencyMs,
      error: probe.error,
      status: next.status,
    });

    const becameFailed = next.status === "failed" && row.status !== "failed";
    if (becameFailed) {
      const error = probe.error ?? "health check failed";
      // In the same transaction: the event and the notices stand or fall with the transition they report.
      await publishIntegrationEvent(tx, { id: integrationId, partnerId: row.partnerId, applicationId: row.applicationId, accountId: row.accountId }, { type: "integration.failed", error });
      const body = `${next.consecutiveFailures} health checks in a row failed; the last one: ${error}. It is checked every 5 minutes and becomes active again at the first success.`;
      await notifyMany(tx, [
        {
          kind: "integration.failed",
          to: { partner: row.partnerId },
          partnerId: row.partnerId,
          title: `${row.appName} failed its health checks in ${row.accountName}`,
          body,
          link: `/installs/${integrationId}`,
        },
        { kind: "integration.failed", to: { account: row.accountId }, title: `${row.appName} is not responding`, body, link: `/installed/${integrationId}` },
      ]);
    }
    return { recorded: true as const, status: next.status, becameFailed };
  });
}
