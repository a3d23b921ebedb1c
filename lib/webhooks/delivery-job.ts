import { sql, type SQL } from "drizzle-orm";
import type { deliveryStatus, events, webhookEndpoints } from "@/db/schema";
import type { MappingRule } from "@/lib/integrations/apply-mappings";

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
  /**
   * For a first attempt of an event with an account, sent to a partner installed in it: that
   * integration and its field mappings, read in the same statement as the rest (see
   * INTEGRATION_JOINS). The body then carries `integrationId` and `mapped`.
   */
  integration: DeliveryIntegration | null;
  /**
   * The body attempt 1 sent, when it carried integration fields: retries resend these exact
   * bytes, so a mapping changed meanwhile never changes a delivery's body.
   */
  storedBody: string | null;
  /** When this process took the delivery: a job that waited too long is not sent (its lock may have lapsed). */
  claimedAt: number;
};

export type DeliveryIntegration = { id: string; mappings: MappingRule[] };

/** A stored delivery `d`'s columns, as jobsJson reads them. */
const STORED_DELIVERY = "d.id, d.status, d.attempts, d.endpoint_id";
/** A fan-out's delivery not read back: the id it was given, fresh, for endpoint `ep`. */
export const FRESH_DELIVERY = "ep.delivery_id, 'pending', 0, ep.id";

/** A stored delivery's integration columns, as INTEGRATION_JOINS reads them. */
const STORED_INTEGRATION = "ig.id, ig.mappings, a1.request_body";
/** A fan-out's: the integration the fan-out found for the endpoint's partner (`ep`), nothing sent yet. */
export const FRESH_INTEGRATION = "ep.integration_id, ep.mappings, null::text";

/**
 * Which of the partner's integrations in the event's account a webhook names: its oldest live
 * (active or degraded) one, else its oldest failed one; a partner with two apps installed in one
 * account has one delivery per endpoint, so one integration must be chosen, the same every time.
 */
export const INTEGRATION_ORDER = "(g.status = 'failed'), g.created_at, g.id";

/** The mappings of integration `id` (a SQL expression) as a JSON array of [source, target, transform]. */
export const mappingsJson = (id: string) =>
  `(select json_agg(json_build_array(m.source_field, m.target_field, m.transform) order by m.created_at, m.source_field) from integration_mappings m where m.integration_id = ${id})`;

/**
 * Joins for jobsJson(true) over a stored delivery `d` (with `attempts`), its endpoint `ep` and
 * event `ev`: for a first attempt, the integration the body names (ig); for a retry, the body
 * attempt 1 stored (a1), which exists only when that body carried integration fields. Both are
 * index lookups in the claiming statement itself, and nothing at all for an event without an account.
 */
export const INTEGRATION_JOINS = sql.raw(`
    left join lateral (
      select g.id, ${mappingsJson("g.id")} as mappings
      from integrations g
      where d.attempts = 0 and ev.account_id is not null and g.account_id = ev.account_id and g.partner_id = ep.partner_id
        and g.uninstalled_at is null and g.status in ('active', 'degraded', 'failed')
      order by ${INTEGRATION_ORDER}
      limit 1
    ) ig on true
    left join webhook_attempts a1 on d.attempts > 0 and a1.delivery_id = d.id and a1.attempt_number = 1`);

/**
 * A JSON array of jobs: per row, the delivery's id, status, attempts and
 * endpoint id (`delivery`: a stored row `d` by default), its endpoint `ep`
 * and, unless the caller has the event already, its event `ev`. One JSON
 * value instead of a row per job: on PGlite each returned column costs more
 * than building and parsing the JSON.
 */
export function jobsJson(withEvent: boolean, delivery = STORED_DELIVERY, integration = STORED_INTEGRATION): SQL {
  const event = withEvent ? ", ev.id, ev.type, ev.created_at, ev.data, ev.account_id, ev.partner_id" : "";
  return sql.raw(`coalesce(json_agg(json_build_array(
    ${delivery},
    ep.id, ep.url, ep.status, ep.disabled_reason, ep.max_concurrency,
    ep.secret_ciphertext, ep.previous_secret_ciphertext, ep.previous_secret_expires_at,
    ${integration}${event})), '[]')::text`);
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
  integrationId: string | null,
  mappings: [string, string, string | null][] | null,
  storedBody: string | null,
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
    event: event ?? (t[15] ? { id: t[15], type: t[16]!, createdAt: new Date(t[17]!), data: t[18]!, accountId: t[19] ?? null, partnerId: t[20] ?? null } : null),
    integration: t[12] ? { id: t[12], mappings: (t[13] ?? []).map(([sourceField, targetField, transform]) => ({ sourceField, targetField, transform: (transform ?? "none") as MappingRule["transform"] })) } : null,
    storedBody: t[14] ?? null,
    claimedAt,
  }));
}
