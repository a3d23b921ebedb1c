import { sql, type SQL } from "drizzle-orm";

/**
 * The id of the fan-out delivery of an event to an endpoint, derived from the
 * pair (a name-based UUIDv8: MD5 of both ids, version and variant bits set).
 * Why not gen_random_uuid(): on PGlite every call opens /dev/urandom through
 * the WASM file system, which cost about a tenth of publishing. The pair is
 * unique per fan-out (webhook_deliveries_event_endpoint_uq) and the event id
 * is random, so the id is as unguessable as the event's. Replays repeat a
 * pair and keep random ids.
 */
export function fanoutDeliveryId(eventId: SQL, endpointId: SQL): SQL {
  return sql`(select overlay(overlay(h placing '8' from 13) placing '8' from 17)::uuid from md5(${eventId}::text || ${endpointId}::text) as h)`;
}
