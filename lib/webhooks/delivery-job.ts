import { sql, type SQL } from "drizzle-orm";
import type { deliveryStatus, events, webhookEndpoints } from "@/db/schema";

// Everything one attempt needs, and nothing more: the delivery's state, the
// endpoint's address, secrets and limits, and the event the body is built
// from. Loaded in the same statement that claims or creates the delivery, so
// an attempt costs no extra read, and mapped by hand from raw rows because
// this is the hottest read of the delivery path.

export type SendingEndpoint = Pick<
  typeof webhookEndpoints.$inferSelect,
  "id" | "url" | "status" | "disabledReason" | "maxConcurrency" | "secretCiphertext" | "previousSecretCiphertext" | "previousSecretExpiresAt"
>;

export type BodyEvent = Pick<typeof events.$inferSelect, "id" | "type" | "createdAt" | "data" | "accountId" | "partnerId">;

export type DeliveryJob = {
  deliveryId: string;
  status: (typeof deliveryStatus.enumValues)[number];
  /** Attempts made before this one. */
  attempts: number;
  endpointId: string;
  /** Null when the endpoint or the event was deleted meanwhile. */
  endpoint: SendingEndpoint | null;
  event: BodyEvent | null;
  /** When this process took the delivery: a job that waited too long is not sent (its lock may have lapsed). */
  claimedAt: number;
};

/** A stored delivery `d`'s columns, as jobsJson reads them. */
const STORED_DELIVERY = "d.id, d.status, d.attempts, d.endpoint_id";
/** A fan-out's delivery not read back: the id it was given, fresh, for endpoint `ep`. */
export const FRESH_DELIVERY = "ep.delivery_id, 'pending', 0, ep.id";

/**
 * A JSON array of jobs: per row, the delivery's id, status, attempts and
 * endpoint id (`delivery`: a stored row `d` by default), its endpoint `ep`
 * and, unless the caller has the event already, its event `ev`. One JSON
 * value instead of a row per job: on PGlite each returned column costs more
 * than building and parsing the JSON.
 */
export function jobsJson(withEvent: boolean, delivery = STORED_DELIVERY): SQL {
  const event = withEvent ? ", ev.id, ev.type, ev.created_at, ev.data, ev.account_id, ev.partner_id" : "";
  return sql.raw(`coalesce(json_agg(json_build_array(
    ${delivery},
    ep.id, ep.url, ep.status, ep.disabled_reason, ep.max_concurrency,
    ep.secret_ciphertext, ep.previous_secret_ciphertext, ep.previous_secret_expires_at${event})), '[]')::text`);
}

type JobTuple = [
  deliveryId: string,
  status: DeliveryJob["status"],
  attempts: number,
  endpointId: string,
  epId: string | null,
  url: string,
  epStatus: SendingEndpoint["status"],
  disabledReason: string | null,
  maxConcurrency: number,
  secretCiphertext: string,
  previousSecretCiphertext: string | null,
  previousSecretExpiresAt: string | null,
  evId?: string | null,
  type?: string,
  createdAt?: string,
  data?: Record<string, unknown>,
  accountId?: string | null,
  partnerId?: string | null,
];

/** Parses jobsJson; `event`: the one event of every job, when the JSON leaves it out. */
export function parseJobs(json: string, event?: BodyEvent, claimedAt = Date.now()): DeliveryJob[] {
  return (JSON.parse(json) as JobTuple[]).map((t) => ({
    deliveryId: t[0],
    status: t[1],
    attempts: t[2],
    endpointId: t[3],
    endpoint: t[4]
      ? {
          id: t[4],
          url: t[5],
          status: t[6],
          disabledReason: t[7],
          maxConcurrency: t[8],
          secretCiphertext: t[9],
          previousSecretCiphertext: t[10],
          previousSecretExpiresAt: t[11] === null ? null : new Date(t[11]),
        }
      : null,
    event: event ?? (t[12] ? { id: t[12], type: t[13]!, createdAt: new Date(t[14]!), data: t[15]!, accountId: t[16] ?? null, partnerId: t[17] ?? null } : null),
    claimedAt,
  }));
}
