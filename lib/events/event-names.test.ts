import { describe, expect, it } from "vitest";
import * as eventRoute from "@/app/api/v1/events/[id]/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

// Readers see names, not UUIDs: an event names its target partner, and each of
// its deliveries names the partner and the endpoint it went to. A partner still
// sees only its own deliveries.

const db = useTestDb();

describe("GET /events and /events/{id} name what they point at", () => {
  it("names the target and each delivery's partner and endpoint", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const [epA] = await db()
      .insert(webhookEndpoints)
      .values({ partnerId: a.partner.id, url: "https://a.example.com/hooks", description: "CRM sync", eventTypes: ["*"], secretCiphertext: "sealed" })
      .returning();
    const [epB] = await db().insert(webhookEndpoints).values({ partnerId: b.partner.id, url: "https://b.example.com/", eventTypes: ["*"], secretCiphertext: "sealed" }).returning();
    const [ev] = await db().insert(events).values({ type: "lead.created", data: { id: "l1" }, partnerId: a.partner.id, createdBy: "test" }).returning();
    await db()
      .insert(webhookDeliveries)
      .values([epA, epB].map((ep) => ({ eventId: ev.id, endpointId: ep.id, partnerId: ep.partnerId, eventType: ev.type, status: "succeeded" as const })));

    const admin = await sessionCookie((await createUser(db(), { admin: true })).id);
    const list = await callRoute(eventsRoute.GET, { path: "/api/v1/events", cookie: admin });
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.find((e: { id: string }) => e.id === ev.id)).toMatchObject({ partnerId: a.partner.id, partnerName: a.partner.name, accountName: null });

    const one = await callRoute(eventRoute.GET, { path: `/api/v1/events/${ev.id}`, cookie: admin, params: { id: ev.id } });
    expect(one.status, one.text).toBe(200);
    expect(one.body.partnerName).toBe(a.partner.name);
    expect(one.body.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endpointId: epA.id, partnerName: a.partner.name, endpointUrl: "https://a.example.com/hooks", endpointDescription: "CRM sync" }),
        expect.objectContaining({ endpointId: epB.id, partnerName: b.partner.name, endpointUrl: "https://b.example.com/", endpointDescription: null }),
      ]),
    );

    const mine = await callRoute(eventRoute.GET, { path: `/api/v1/events/${ev.id}`, cookie: await sessionCookie(a.user.id), params: { id: ev.id } });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.deliveries.map((d: { endpointId: string }) => d.endpointId)).toEqual([epA.id]);
  });
});
