import { createHash } from "node:crypto";

export const HEALTH_CHECK_EVERY_MS = 5 * 60_000;

/**
 * Where in the 5-minute health-check cycle an integration sits, from its id: stable across
 * restarts and spread evenly, so a thousand installs are not all checked in the same second.
 */
export function healthPhase(integrationId: string): number {
  return createHash("sha256").update(integrationId).digest().readUInt32BE(0) % HEALTH_CHECK_EVERY_MS;
}
