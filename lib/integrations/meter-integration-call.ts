import { getDb } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { startPeriodicFlush } from "@/lib/db/periodic-flush";
import { DomainError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { IntegrationMeter } from "./integration-meter";

// The process-wide integration meter, flushed every second and on shutdown (lib/db/periodic-flush.ts).

export const FLUSH_INTERVAL_MS = 1000;

const holder = processState("integrationMeter", () => ({ current: undefined as { meter: IntegrationMeter; timer: NodeJS.Timeout } | undefined }));

function start() {
  const meter = new IntegrationMeter();
  return { meter, timer: startPeriodicFlush("integration metrics", meter, FLUSH_INTERVAL_MS) };
}

/**
 * Called by the request pipeline for every answered request: counts those made with an app's
 * OAuth token for an account (which integration that is, the flush finds out). Costs a map
 * update; never throws.
 */
export function meterIntegrationCall(
  principal: Principal | undefined,
  req: Request,
  r: { status: number; latencyMs: number; requestId: string; error?: unknown },
) {
  if (principal?.type !== "oauth" || !principal.accountId || principal.meter?.credentialType !== "oauth_client") return;
  holder.current ??= start();
  holder.current.meter.record({
    clientId: principal.meter.credentialId,
    accountId: principal.accountId,
    status: r.status,
    latencyMs: r.latencyMs,
    requestId: r.requestId,
    method: req.method,
    path: new URL(req.url).pathname,
    // Only what the caller was told: a domain error's code and detail; an unexpected one stays unnamed.
    error: r.status >= 400 && r.error instanceof DomainError ? { code: r.error.code, message: r.error.message } : undefined,
  });
}

/** Flushes now; tests call this instead of waiting a second. */
export async function flushIntegrationMetrics() {
  if (!holder.current) return;
  await holder.current.meter.flush(await getDb());
}
