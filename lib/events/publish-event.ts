import { and, eq, is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { accounts, events, partners, webhookDeliveries } from "@/db/schema";
import { isAdmin, principalKey, type Principal } from "@/lib/auth/principal";
import { Forbidden, Invalid } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { GroupCommit } from "@/lib/db/group-commit";
import { zodIssuesToFieldErrors } from "@/lib/http/parse";
import { CLAIM_LOCK_MS, releaseClaims } from "@/lib/jobs/claim-due-deliveries";
import { localTaker, notifyDeliveriesScheduled } from "@/lib/jobs/notify";
import { processState } from "@/lib/process-state";
import { latestEventType, payloadValidator } from "./event-types";
import { insertEventsWithDeliveries, type InsertedEvent, type NewEvent } from "./insert-event-with-deliveries";
import type { PublishEvent } from "./schemas";

// Publishes arriving while a fan-out statement runs go together in the next
// one (see GroupCommit): on PGlite a publish with a handful of deliveries cost
// several times less in a batch of 8 than alone. Two statements in flight keep
// the database busy while the next batch forms.
const batchers = processState("eventBatchers", () => new WeakMap<Db, GroupCommit<NewEvent, InsertedEvent>>());
function insertEvent(db: Db, e: NewEvent): Promise<InsertedEvent> {
  // Inside a caller's transaction the event must be written on that transaction, alone.
  if (is(db, PgTransaction)) return insertEventsWithDeliveries(db, [e]).then(([r]) => r);
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new GroupCommit((list) => insertEventsWithDeliveries(db, list), { maxBatch: 32, maxInFlight: 2 })));
  return batcher.add(e);
}

/**
 * Validates `data` against the type's schema, appends the event, and fans out
 * deliveries in the same transaction: an event is never stored without the
 * deliveries it owes, nor the other way round.
 */
export async function publishEvent(db: Db, principal: Principal | null, input: PublishEvent, opts: { idempotencyKey?: string | null } = {}) {
  const target = { ...input };
  if (principal && !isAdmin(principal)) {
    if (input.accountId) throw new Forbidden("Only platform admins publish account-wide events");
    if (input.partnerId && input.partnerId !== principal.partnerId) throw new Forbidden("You can only publish events to your own partner");
    target.partnerId = principal.partnerId ?? undefined;
  } else {
    // Only an admin (or the platform itself) names a target; a partner's own partner exists.
    await requireTargetsExist(db, target);
  }
  const type = await latestEventType(db, input.type);
  if (!type) throw new Invalid(`Unknown event type ${input.type}`, [{ path: "type", message: "not in the event catalog (GET /event-types)" }]);
  if (type.deprecated) throw new Invalid(`${input.type} is deprecated`, [{ path: "type", message: "deprecated" }]);
  const parsed = payloadValidator(type).safeParse(input.data);
  if (!parsed.success) {
    const errors = zodIssuesToFieldErrors(parsed.error.issues).map((e) => ({ ...e, path: e.path === "(root)" ? "data" : `data.${e.path}` }));
    throw new Invalid(`data does not match the ${input.type} schema: ${errors.map((e) => e.path).join(", ")}`, errors);
  }
  const createdBy = principal ? principalKey(principal) : "system";
  try {
    // With the embedded runner in this process, the deliveries are created
    // claimed and handed to it: no claim and no read before the first attempt.
    // Never from inside a caller's transaction: the rows could still roll back.
    const taker = is(db, PgTransaction) ? null : localTaker();
    const result = await insertEvent(db, {
      type: input.type,
      data: input.data,
      accountId: input.accountId ?? null,
      partnerId: target.partnerId ?? null,
      createdBy,
      idempotencyKey: opts.idempotencyKey ?? null,
      claimForMs: taker ? CLAIM_LOCK_MS : undefined,
      claimBy: taker?.runnerId,
    });
    if (taker && result.jobs.length && !taker.take(result.jobs)) await releaseClaims(db, result.deliveryIds);
    if (!taker) await notifyDeliveriesScheduled(result.deliveryIds);
    return { id: result.id, type: result.type, createdAt: result.createdAt.toISOString(), deliveries: result.deliveryIds.length };
  } catch (err) {
    if (opts.idempotencyKey && isUniqueViolation(err)) {
      // The same publisher sent this key before: answer with that event, never a second one.
      const [prior] = await db.select().from(events).where(and(eq(events.createdBy, createdBy), eq(events.idempotencyKey, opts.idempotencyKey)));
      const n = await db.$count(webhookDeliveries, eq(webhookDeliveries.eventId, prior.id));
      return { id: prior.id, type: prior.type, createdAt: prior.createdAt.toISOString(), deliveries: n };
    }
    throw err;
  }
}

/** An admin's target partner or account must exist: named in a 422, not left to a foreign-key error mid-batch. */
async function requireTargetsExist(db: Db, target: { partnerId?: string; accountId?: string }) {
  const [partner, account] = await Promise.all([
    target.partnerId ? db.$count(partners, eq(partners.id, target.partnerId)) : 1,
    target.accountId ? db.$count(accounts, eq(accounts.id, target.accountId)) : 1,
  ]);
  const errors = [
    ...(partner ? [] : [{ path: "partnerId", message: "no partner has this id" }]),
    ...(account ? [] : [{ path: "accountId", message: "no account has this id" }]),
  ];
  if (errors.length) throw new Invalid(`Unknown ${errors.map((e) => e.path).join(" and ")}`, errors);
}
