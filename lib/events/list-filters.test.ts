import { describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as deliveriesRoute from "@/app/api/v1/webhooks/deliveries/route";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

// The filters of GET /events and GET /webhooks/deliveries, on rows written
// with known times, types and statuses; and that no filter reaches past the
// caller's own partner.

const db = useTestDb();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));

async function world() {
  const a = await createPartnerWithMember(db());
  const b = await createPartnerWithMember(db());
  const [epA1, epA2] = await db()
    .insert(webhookEndpoints)
    .values([1, 2].map((i) => ({ partnerId: a.partner.id, url: `https://a.example.com/${i}`, eventTypes: ["*"], secretCiphertext: "sealed" })))
    .returning();
  const [epB] = await db().insert(webhookEndpoints).values({ partnerId: b.partner.id, url: "https://b.example.com/", eventTypes: ["*"], secretCiphertext: "sealed" }).returning();
  const spec = [
    { type: "lead.created", minute: 0, partner: a.partner.id },
    { type: "lead.updated", minute: 10, partner: a.partner.id },
    { type: "policy.created", minute: 20, partner: a.partner.id },
    { type: "lead.created", minute: 30, partner: b.partner.id },
  ];
  const evs = await db()
    .insert(events)
    .values(spec.map((s) => ({ type: s.type, data: {}, partnerId: s.partner, createdBy: "test", createdAt: at(s.minute) })))
    .returning();
  const d = (event: (typeof evs)[number], endpoint: typeof epA1, status: "pending" | "succeeded" | "failed" | "dead") => ({
    eventId: event.id,
    endpointId: endpoint.id,
    partnerId: endpoint.partnerId,
    eventType: event.type,
    status,
    createdAt: event.createdAt,
  });
  const dels = await db()
    .insert(webhookDeliveries)
    .values([d(evs[0], epA1, "succeeded"), d(evs[0], epA2, "dead"), d(evs[1], epA1, "failed"), d(evs[2], epA2, "succeeded"), d(evs[3], epB, "dead")])
    .returning();
  return { a: { ...a, cookie: await sessionCookie(a.user.id) }, b, evs, dels, epA1, epA2, epB };
}

async function listEvents(cookie: string, qs: string) {
  const res = await callRoute(eventsRoute.GET, { path: `/api/v1/events${qs}`, cookie });
  expect(res.status, res.text).toBe(200);
  return (res.body.data as { id: string }[]).map((e) => e.id);
}

async function listDeliveries(cookie: string, qs: string) {
  const res = await callRoute(deliveriesRoute.GET, { path: `/api/v1/webhooks/deliveries${qs}`, cookie });
  expect(res.status, res.text).toBe(200);
  return (res.body.data as { id: string }[]).map((e) => e.id);
}

describe("GET /events filters", () => {
  it("type (exact and area wildcard), time range and, for admins, partner", async () => {
    const { a, b, evs } = await world();
    expect(await listEvents(a.cookie, "")).toEqual([evs[2].id, evs[1].id, evs[0].id]);
    expect(await listEvents(a.cookie, "?type=lead.created")).toEqual([evs[0].id]);
    expect(await listEvents(a.cookie, "?type=lead.*")).toEqual([evs[1].id, evs[0].id]);
    expect(await listEvents(a.cookie, "?type=*")).toHaveLength(3);
    expect(await listEvents(a.cookie, `?from=${at(10).toISOString()}&to=${at(20).toISOString()}`)).toEqual([evs[2].id, evs[1].id]);
    // An offset is a time like any other: 13:05+01:00 is 12:05Z.
    expect(await listEvents(a.cookie, `?to=${encodeURIComponent("2026-11-20T13:05:00+01:00")}`)).toEqual([evs[0].id]);

    const admin = await sessionCookie((await createUser(db(), { admin: true })).id);
    expect(await listEvents(admin, `?partnerId=${b.partner.id}`)).toEqual([evs[3].id]);
    // For a partner the filter cannot widen what they see.
    expect(await listEvents(a.cookie, `?partnerId=${b.partner.id}`)).not.toContain(evs[3].id);
  });

  it("names the field of a malformed filter", async () => {
    const { a } = await world();
    for (const [qs, field] of [["?from=yesterday", "from"], ["?to=2026-13-01T00:00:00Z", "to"], ["?partnerId=nope", "partnerId"]] as const) {
      const res = await callRoute(eventsRoute.GET, { path: `/api/v1/events${qs}`, cookie: a.cookie });
      expect(res.status, qs).toBe(422);
      expect(res.body.errors, qs).toEqual([expect.objectContaining({ path: field })]);
    }
  });
});

describe("GET /webhooks/deliveries filters", () => {
  it("status, endpoint, event type, event and time range, combined", async () => {
    const { a, evs, dels, epA1, epA2 } = await world();
    expect(await listDeliveries(a.cookie, "")).toHaveLength(4);
    expect(await listDeliveries(a.cookie, "?status=dead")).toEqual([dels[1].id]);
    expect(await listDeliveries(a.cookie, `?endpointId=${epA1.id}`)).toEqual([dels[2].id, dels[0].id]);
    expect(await listDeliveries(a.cookie, "?eventType=lead.*")).toHaveLength(3);
    expect(await listDeliveries(a.cookie, "?eventType=policy.created")).toEqual([dels[3].id]);
    expect(new Set(await listDeliveries(a.cookie, `?eventId=${evs[0].id}`))).toEqual(new Set([dels[0].id, dels[1].id]));
    expect(await listDeliveries(a.cookie, `?from=${at(5).toISOString()}&to=${at(15).toISOString()}`)).toEqual([dels[2].id]);
    expect(await listDeliveries(a.cookie, `?status=succeeded&endpointId=${epA2.id}&eventType=policy.*`)).toEqual([dels[3].id]);
  });

  it("another partner's endpoint or event as a filter finds nothing; a bad status is refused by name", async () => {
    const { a, evs, epB } = await world();
    expect(await listDeliveries(a.cookie, `?endpointId=${epB.id}`)).toEqual([]);
    expect(await listDeliveries(a.cookie, `?eventId=${evs[3].id}`)).toEqual([]);
    const res = await callRoute(deliveriesRoute.GET, { path: "/api/v1/webhooks/deliveries?status=lost", cookie: a.cookie });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "status" })]);
  });
});
