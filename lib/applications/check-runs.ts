import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, applicationSecurityChecks, applicationVersions, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { describeError } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { onShutdown } from "@/lib/server/lifecycle";
import { isUuid, pgErrorCode } from "@/lib/db/errors";
import { loadApp, type LoadedApp } from "./application-queries";
import { runEndpointProbes } from "./endpoint-probes";
import { PROBES_REQUESTED } from "@/inngest/events";
import { checkFields, probeCheckIds, runStaticChecks, staticCheckIds, type CheckResult, type CheckSubject } from "./security-checks";
import { SecurityCheck, type SecurityCheckList } from "./schemas";

// Check results live per version, one row per check: a re-run replaces them. Static checks run
// inline (submit needs their verdict); the live endpoint probes run after the answer, their rows
// `pending` until done, so a slow partner server never holds up a submit.

export function checkSubject(l: LoadedApp): CheckSubject {
  const { app, current: v } = l;
  return {
    name: app.name,
    description: app.description,
    logoUrl: app.logoUrl,
    privacyPolicyUrl: app.privacyPolicyUrl,
    supportEmail: app.supportEmail,
    redirectUris: v.redirectUris,
    webhookUrl: v.webhookUrl,
    healthCheckUrl: v.healthCheckUrl,
    requestedScopes: v.requestedScopes,
    scopeJustifications: v.scopeJustifications ?? {},
    configSchema: v.configSchema ?? null,
  };
}

type Target = { applicationId: string; versionId: string };

async function storeResults(db: Db, t: Target, results: Pick<CheckResult, "check" | "field" | "message" | "evidence">[], status?: "pending") {
  if (!results.length) return;
  const now = new Date();
  // The app may be deleted while its checks run (they can wait on DNS): then there is nothing to store.
  await insertResults(db, t, results, now, status).catch((err) => {
    if (pgErrorCode(err) === "23503") throw new NotFound("Application");
    throw err;
  });
}

function insertResults(db: Db, t: Target, results: Pick<CheckResult, "check" | "field" | "message" | "evidence">[], now: Date, status?: "pending") {
  return db
    .insert(applicationSecurityChecks)
    .values(
      results.map((r) => ({
        applicationId: t.applicationId,
        versionId: t.versionId,
        check: r.check,
        status: status ?? (r as CheckResult).status,
        field: r.field,
        message: r.message,
        details: r.evidence,
        createdAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [applicationSecurityChecks.versionId, applicationSecurityChecks.check],
      set: {
        status: sql`excluded.status`,
        field: sql`excluded.field`,
        message: sql`excluded.message`,
        details: sql`excluded.details`,
        createdAt: sql`excluded.created_at`,
      },
    });
}

const target = (l: LoadedApp): Target => ({ applicationId: l.app.id, versionId: l.current.id });

/** Runs and stores the static checks of the app's current version; returns them. */
export async function runStaticCheckSet(db: Db, l: LoadedApp): Promise<CheckResult[]> {
  const [partner] = await db.select({ tier: partners.tier }).from(partners).where(eq(partners.id, l.app.partnerId));
  // Confusable names matter against what customers can already see: published apps of the store.
  const others = await db
    .select({ name: applications.name })
    .from(applications)
    .where(and(inArray(applications.status, ["published", "deprecated"]), ne(applications.id, l.app.id)));
  const results = await runStaticChecks(checkSubject(l), {
    partnerTier: partner?.tier ?? "standard",
    otherAppNames: others.map((o) => o.name),
    allowPrivateUrls: config().WEBHOOK_ALLOW_PRIVATE_URLS,
  });
  await storeResults(db, target(l), results);
  return results;
}

const inFlight = processState("applicationProbes", () => new Set<Promise<void>>());

/** A probe row still pending after this long lost its runner (a restart): it is started again. */
export const STALE_PROBE_MS = 2 * 60_000;

/**
 * Runs the probes of one version and stores their results. The Inngest function and the in-process
 * runner both call this; the version is read again, so a superseded request probes what is stored.
 */
export async function runProbes(db: Db, t: Target): Promise<CheckResult[]> {
  const [row] = await db
    .select({ webhookUrl: applicationVersions.webhookUrl, healthCheckUrl: applicationVersions.healthCheckUrl })
    .from(applicationVersions)
    .where(and(eq(applicationVersions.id, t.versionId), eq(applicationVersions.applicationId, t.applicationId)));
  if (!row) return [];
  const results = await runEndpointProbes(row, { allowPrivateUrls: config().WEBHOOK_ALLOW_PRIVATE_URLS });
  await storeResults(db, t, results);
  return results;
}

function runHere(db: Db, t: Target) {
  const run = runProbes(db, t).then(
    () => undefined,
    // The probes never throw for network trouble; this is the database going away (shutdown, a
    // test ending). The rows stay pending and are started again when next read.
    (err) => console.warn(`application probes for ${t.applicationId} not stored: ${describeError(err)}`),
  );
  inFlight.add(run);
  void run.finally(() => inFlight.delete(run));
}

/**
 * Marks the probes pending and has them run after the caller returns: by Inngest when configured
 * (a durable step, retried), else in this process. Either way the rows are the truth.
 */
export async function startProbes(db: Db, l: LoadedApp | Target): Promise<void> {
  const t = "app" in l ? target(l) : l;
  await storeResults(
    db,
    t,
    probeCheckIds.map((check) => ({ check, field: checkFields[check], message: "Running", evidence: {} })),
    "pending",
  );
  if (config().jobs === "inngest") {
    try {
      const { inngest } = await import("@/inngest/client");
      await inngest.send({ name: PROBES_REQUESTED, data: t });
      return;
    } catch (err) {
      console.warn(`probes for ${t.applicationId}: Inngest unreachable, running them here: ${describeError(err)}`);
    }
  }
  runHere(db, t);
}

/** Resolves when every probe started in this process has stored its result (tests, graceful shutdown). */
export async function probesSettled(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

// A stopping process lets probes it started store their results before the database closes.
onShutdown("flush", "application probes", probesSettled);

/** Re-runs every check of the current version (the partner fixed a server, or wants a fresh verdict). */
export async function rerunChecks(db: Db, principal: Principal, id: string): Promise<SecurityCheckList> {
  const l = await loadApp(db, principal, id);
  await runStaticCheckSet(db, l);
  await startProbes(db, l);
  return listChecks(db, principal, id);
}

export async function listChecks(db: Db, principal: Principal, id: string, versionId?: string): Promise<SecurityCheckList> {
  const l = await loadApp(db, principal, id);
  if (versionId !== undefined && !isUuid(versionId)) throw new NotFound("Version");
  const rows = await db
    .select()
    .from(applicationSecurityChecks)
    .where(and(eq(applicationSecurityChecks.applicationId, l.app.id), eq(applicationSecurityChecks.versionId, versionId ?? l.current.id)));
  const stale = rows.some((r) => r.status === "pending" && Date.now() - r.createdAt.getTime() > STALE_PROBE_MS);
  if (stale) await startProbes(db, { applicationId: l.app.id, versionId: versionId ?? l.current.id });
  const order: string[] = [...staticCheckIds, ...probeCheckIds];
  rows.sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
  return {
    data: rows
      .filter((r) => r.status !== "pending")
      .map((r) =>
        SecurityCheck.parse({
          check: r.check,
          status: r.status,
          field: r.field,
          message: r.message,
          evidence: r.details,
          versionId: r.versionId,
          checkedAt: r.createdAt.toISOString(),
        }),
      ),
    running: rows.filter((r) => r.status === "pending").map((r) => r.check),
  };
}
