import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, applicationVersions, integrations } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { rowsOf } from "@/lib/db/rows";
import { Conflict, InvalidTransition } from "@/lib/errors";
import { checkTarget, checkedIntegration, targetColumns, type CheckOptions, type HealthTarget } from "./check-integration-health";
import { loadVisibleIntegration } from "./integration-access";
import { isChecked } from "./record-health-check";
import { HealthCheckResult } from "./schemas";

/** POST /integrations/{id}/health-check: one check now, counted like a scheduled one. */
export async function runHealthCheckNow(db: Db, principal: Principal, id: string, opts: CheckOptions = {}): Promise<HealthCheckResult> {
  const integration = await loadVisibleIntegration(db, principal, id, "check");
  if (integration.uninstalledAt || !isChecked(integration.status)) throw new InvalidTransition(integration.status, "be health-checked", "The integration");
  const now = opts.now ?? new Date();
  const result = await db.execute(sql`
    select ${targetColumns(now)}
    from ${integrations} i
    join ${applications} a on a.id = i.application_id
    join ${applicationVersions} v on v.id = a.live_version_id
    where i.id = ${integration.id} and ${checkedIntegration}`);
  const target = rowsOf<HealthTarget>(result)[0];
  if (!target) throw new Conflict("The app's live version has no health-check URL", [{ path: "healthCheckUrl", message: "not set on the app's live version" }]);
  const outcome = await checkTarget(db, target, opts);
  return HealthCheckResult.parse({
    healthy: outcome.healthy,
    // Uninstalled while the call was on the wire: what it is now.
    status: outcome.recorded.status ?? integration.status,
    ...(outcome.httpStatus !== null ? { httpStatus: outcome.httpStatus } : {}),
    latencyMs: outcome.latencyMs,
    ...(outcome.error !== null ? { error: outcome.error } : {}),
  });
}
