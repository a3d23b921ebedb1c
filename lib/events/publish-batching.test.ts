import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { applications, events, integrations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { createAccountWithMember, createPartner } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { insertEventsWithDeliveries } from "./insert-event-with-deliveries";
import { listEvents } from "./list-events";
import { publishEvent } from "./publish-event";

// Publishes that arrive together are written together (lib/db/group-commit.ts):
// one statement for many events, each with exactly the deliveries it would
// have had alone.

const db = useTestDb();
const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "web", lineOfBusiness: "auto", contact: { name: "Dana" }, createdAt: "2026-11-01T09:30:00.000Z" };

async function endpointOf(partnerId: string, eventTypes: string[], status: "enabled" | "disabled" = "enabled") {
  const [e] = await db().insert(webhookEndpoints).values({ partnerId, url: `https://example.com/${randomBytes(3).toString("hex")}`, eventTypes, status, secretCiphertext: "unused" }).returning();
  return e.id;
}

async function deliveriesOf(eventIds: string[]) {
  const rows = await db().select().from(webhookDeliveries).where(inArray(webhookDeliveries.eventId, eventIds));
  return rows.map((r) => `${r.eventId}>${r.endpointId}`).sort();
}

/** Counts the fan-out statements a database handle runs (from the second: the first may PREPARE on PGlite). */
async function counting(inner: Db) {
  await publishEvent(inner, null, { type: "lead.created", data: lead, partnerId: (await createPartner(inner)).id });
  let statements = 0;
  const db = new Proxy(inner, {
    get(target, key, receiver) {
      if (key === "execute") return (...args: Parameters<Db["execute"]>) => (statements++, target.execute(...args));
      return Reflect.get(target, key, receiver);
    },
  });
  return { db, statements: () => statements };
}

describe("publishing many events at once", () => {
  it("one statement for many events of different targets, each fanned out as it would be alone", async () => {
    const a = await createPartner(db());
    const b = await createPartner(db());
    const aLeads = await endpointOf(a.id, ["lead.*"]);
    const aExact = await endpointOf(a.id, ["lead.created"]);
    await endpointOf(a.id, ["policy.*"]);
    await endpointOf(a.id, ["lead.*"], "disabled");
    const bAll = await endpointOf(b.id, ["*"]);
    // An account whose integration is with partner b only.
    const { account } = await createAccountWithMember(db());
    const [app] = await db().insert(applications).values({ partnerId: b.id, name: "App", slug: `app-${randomBytes(4).toString("hex")}` }).returning();
    await db().insert(integrations).values({ accountId: account.id, applicationId: app.id, partnerId: b.id, status: "active" });

    const base = { type: "lead.created", data: lead, createdBy: "system", idempotencyKey: null, accountId: null, partnerId: null };
    const out = await insertEventsWithDeliveries(db(), [
      { ...base, partnerId: a.id },
      { ...base, partnerId: b.id },
      { ...base, accountId: account.id },
      { ...base },
      { ...base, type: "policy.bound", data: { policyId: "p" }, partnerId: b.id },
    ]);
    expect(out.map((e) => e.deliveryIds.length)).toEqual([2, 1, 1, 0, 1]);
    expect(new Set(out.map((e) => e.id)).size).toBe(5);
    expect(await deliveriesOf([out[0].id])).toEqual([`${out[0].id}>${aLeads}`, `${out[0].id}>${aExact}`].sort());
    expect(await deliveriesOf([out[1].id])).toEqual([`${out[1].id}>${bAll}`]);
    expect(await deliveriesOf([out[2].id])).toEqual([`${out[2].id}>${bAll}`]);
    expect(await deliveriesOf([out[4].id])).toEqual([`${out[4].id}>${bAll}`]);
    // Each job carries its own event, and the delivery it was made for.
    for (const e of out) for (const j of e.jobs) expect(j.event?.id).toBe(e.id);
    expect(out[4].jobs[0].event?.type).toBe("policy.bound");
    const stored = await db().select().from(events).where(inArray(events.id, out.map((e) => e.id)));
    expect(stored.find((s) => s.id === out[2].id)?.accountId).toBe(account.id);
  });

  it("concurrent publishes share statements, and every one is stored with its deliveries", async () => {
    const p = await createPartner(db());
    const ep1 = await endpointOf(p.id, ["lead.*"]);
    const ep2 = await endpointOf(p.id, ["lead.created"]);
    const c = await counting(db());
    const results = await Promise.all(Array.from({ length: 24 }, () => publishEvent(c.db, null, { type: "lead.created", data: lead, partnerId: p.id })));
    expect(results.every((r) => r.deliveries === 2)).toBe(true);
    expect(new Set(results.map((r) => r.id)).size).toBe(24);
    expect(c.statements(), "publishes that waited went together").toBeLessThan(24);
    const pairs = await deliveriesOf(results.map((r) => r.id));
    expect(pairs).toEqual(results.flatMap((r) => [`${r.id}>${ep1}`, `${r.id}>${ep2}`]).sort());
  });

  it("a repeated Idempotency-Key in the same batch gives one event, answered to both", async () => {
    const p = await createPartner(db());
    await endpointOf(p.id, ["lead.*"]);
    const key = `k-${randomBytes(4).toString("hex")}`;
    const c = await counting(db());
    // Two go at once (two statements in flight); the two keyed ones then wait and go together.
    const [w, x, y, z] = await Promise.all([
      publishEvent(c.db, null, { type: "lead.created", data: lead, partnerId: p.id }),
      publishEvent(c.db, null, { type: "lead.created", data: lead, partnerId: p.id }),
      publishEvent(c.db, null, { type: "lead.created", data: lead, partnerId: p.id }, { idempotencyKey: key }),
      publishEvent(c.db, null, { type: "lead.created", data: lead, partnerId: p.id }, { idempotencyKey: key }),
    ]);
    // w, x, the failed pair, then y and z alone.
    expect(c.statements()).toBe(5);
    expect(y.id).toBe(z.id);
    expect(new Set([w.id, x.id, y.id]).size).toBe(3);
    expect(await db().$count(events, eq(events.idempotencyKey, key))).toBe(1);
    expect(await deliveriesOf([y.id])).toHaveLength(1);
    expect(await deliveriesOf([x.id])).toHaveLength(1);
  });

  it("events written by one statement share a created_at, and paging through them returns each exactly once", async () => {
    const p = await createPartner(db());
    const base = { type: "lead.created", data: lead, createdBy: "system", idempotencyKey: null, accountId: null, partnerId: p.id };
    const out = await insertEventsWithDeliveries(db(), Array.from({ length: 7 }, () => base));
    expect(new Set(out.map((e) => e.createdAt.getTime())).size).toBe(1);
    const admin: Principal = { type: "session", userId: null, partnerId: null, partnerRole: null, accountId: null, isPlatformAdmin: true, scopes: [], credentialId: null };
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(db(), admin, { limit: 2, cursor, partnerId: p.id });
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(out.map((e) => e.id).sort());
  });

  it("an unknown target partner or account is a 422 naming the field, and stores nothing", async () => {
    const nobody = "00000000-0000-4000-8000-000000000000";
    const before = await db().$count(events);
    for (const [target, path] of [
      [{ partnerId: nobody }, "partnerId"],
      [{ accountId: nobody }, "accountId"],
    ] as const) {
      const err = await publishEvent(db(), null, { type: "lead.created", data: lead, ...target }).catch((e) => e);
      expect(err.status, path).toBe(422);
      expect(err.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    expect(await db().$count(events)).toBe(before);
  });
});
