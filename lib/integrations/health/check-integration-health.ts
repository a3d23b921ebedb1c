import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { config } from "@/lib/config";
import { unseal } from "@/lib/crypto/secret-box";
import type { Db } from "@/db";
import type { Resolver } from "@/lib/webhooks/transport/url-guard";
import { recordHealthCheck, type RecordedCheck } from "./record-health-check";
import { DEFAULT_HEALTH_TIMEOUT_MS, sendHealthCheck, type HealthProbe } from "./send-health-check";

// One check of one integration, scheduled or asked for: sign and send the GET,
// then record the result (record-health-check.ts).

/** What a check needs, as claimDueHealthChecks and the manual check read it. */
export type HealthTarget = {
  id: string;
  url: string;
  signingSecretCiphertext: string;
  /** The previous secret while a rotation's overlap lasts, else null. */
  previousSigningSecretCiphertext: string | null;
};

/**
 * SQL: the integration (alias i, its app a, the app's live version v) is
 * checked: active, degraded or failed, installed, and its app's live version
 * has a health-check URL (the app has a signing secret from its first publish).
 */
export const checkedIntegration: SQL = sql`i.status in ('active', 'degraded', 'failed') and i.uninstalled_at is null
  and v.health_check_url is not null and a.signing_secret_ciphertext is not null`;

/** SQL: the target's columns, from i, a and v, named as HealthTarget (raw rows). */
export function targetColumns(now: Date): SQL {
  return sql`i.id, v.health_check_url as url, a.signing_secret_ciphertext as "signingSecretCiphertext",
    case when a.previous_signing_secret_expires_at > ${now.toISOString()}::timestamptz then a.previous_signing_secret_ciphertext end as "previousSigningSecretCiphertext"`;
}

export type CheckOptions = {
  /** The check's time as recorded (tests move it; the signature always carries the real time). */
  now?: Date;
  timeoutMs?: number;
  resolver?: Resolver;
};

export type CheckOutcome = HealthProbe & { checkId: string; recorded: RecordedCheck };

export async function checkTarget(db: Db, t: HealthTarget, opts: CheckOptions = {}): Promise<CheckOutcome> {
  const secrets = [unseal(t.signingSecretCiphertext), ...(t.previousSigningSecretCiphertext ? [unseal(t.previousSigningSecretCiphertext)] : [])];
  const checkId = randomUUID();
  const probe = await sendHealthCheck({
    url: t.url,
    secrets,
    msgId: checkId,
    timestamp: new Date(),
    timeoutMs: opts.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
    allowPrivate: config().WEBHOOK_ALLOW_PRIVATE_URLS,
    resolver: opts.resolver,
  });
  const recorded = await recordHealthCheck(db, t.id, { ...probe, checkId, checkedAt: opts.now ?? new Date() });
  return { ...probe, checkId, recorded };
}
