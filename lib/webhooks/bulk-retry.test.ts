import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as bulkRetryRoute from "@/app/api/v1/webhooks/deliveries/retry/route";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import { webhookDeliveries } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

// Bulk retry from the dead-letter view: POST /webhooks/deliveries/retry {ids}.

const db = useTestDb();
const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "web", lineOfBusiness: "auto", contact: { name: "Dana" }, createdAt: "2026-11-01T09:30:00.000Z" };

/** A partner with one endpoint and one dead delivery to it. */
async function partnerWithDeadDelivery() {
  const { user } = await createPartnerWithMember(db());
  const cookie = await sessionCookie(user.id);
  const ep = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: "http://127.0.0.1:9/hook", eventTypes: ["lead.*"] } });
  expect(ep.status, ep.text).toBe(201);
  const published = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, body: { type: "lead.created", data: lead } });
  expect(published.status, published.text).toBe(202);
  const [d] = await db()
    .update(webhookDeliveries)
    .set({ status: "dead", attempts: 5, nextAttemptAt: null, lockedUntil: null, lastError: "connection refused" })
    .where(eq(webhookDeliveries.eventId, published.body.id))
    .returning();
  return { cookie, deliveryId: d.id };
}

describe("POST /webhooks/deliveries/retry", () => {
  it("sends the caller's dead deliveries again and ignores ids of another partner", async () => {
    const mine = await partnerWithDeadDelivery();
    const theirs = await partnerWithDeadDelivery();
    const res = await callRoute(bulkRetryRoute.POST, {
      path: "/api/v1/webhooks/deliveries/retry",
      cookie: mine.cookie,
      body: { ids: [mine.deliveryId, theirs.deliveryId] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((d: { id: string }) => d.id)).toEqual([mine.deliveryId]);
    const rows = await db().select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, [mine.deliveryId, theirs.deliveryId]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(mine.deliveryId)).toMatchObject({ status: "pending", lockedUntil: null, attempts: 5 });
    expect(byId.get(mine.deliveryId)!.nextAttemptAt).not.toBeNull();
    expect(byId.get(theirs.deliveryId)).toMatchObject({ status: "dead", attempts: 5 });
  });

  it("refuses an empty or malformed list, naming the field", async () => {
    const { cookie } = await partnerWithDeadDelivery();
    for (const body of [{ ids: [] }, { ids: ["not-a-uuid"] }, {}]) {
      const res = await callRoute(bulkRetryRoute.POST, { path: "/api/v1/webhooks/deliveries/retry", cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path).join(" ")).toMatch(/^ids/);
    }
  });
});
