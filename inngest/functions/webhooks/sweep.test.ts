import { InngestTestEngine } from "@inngest/test";
import { InngestExecutionEngine } from "inngest/internals";
import { describe, expect, it } from "vitest";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { createPartner } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { DELIVERY_SCHEDULED } from "../../events";
import { webhookSweep } from "./sweep";

const db = useTestDb();
const hashed = (id: string) => InngestExecutionEngine._internals.hashId(id);

type Row = Partial<typeof webhookDeliveries.$inferInsert>;

/** One endpoint, and a delivery (of its own event) for each row given. */
async function deliveries(rows: Row[]): Promise<string[]> {
  const partner = await createPartner(db());
  const [endpoint] = await db()
    .insert(webhookEndpoints)
    .values({ partnerId: partner.id, url: "https://hooks.example.com/in", eventTypes: ["lead.*"], secretCiphertext: "unused-by-the-sweep" })
    .returning();
  const ids: string[] = [];
  for (const r of rows) {
    // One delivery per (event, endpoint), so each row gets its own event.
    const [event] = await db()
      .insert(events)
      .values({ type: "lead.created", data: {}, partnerId: partner.id, createdBy: "test" })
      .returning();
    const [d] = await db()
      .insert(webhookDeliveries)
      .values({ ...r, eventId: event.id, endpointId: endpoint.id, partnerId: partner.id, eventType: "lead.created" })
      .returning();
    ids.push(d.id);
  }
  return ids;
}

/** A fresh engine per test; the send itself is mocked (no Inngest server here), the spy records its payload. */
function engine() {
  return new InngestTestEngine({
    function: webhookSweep,
    steps: [{ id: "reschedule", handler: () => ({ ids: ["mocked"] }) }],
  });
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("webhook-sweep (Inngest function)", () => {
  it("re-sends delivery_scheduled for a stranded due delivery, and ignores locked and finished ones", async () => {
    const [stranded, strandedFailed, locked, succeeded, dead, notYetDue] = await deliveries([
      { status: "pending", nextAttemptAt: minutesAgo(2), lockedUntil: null },
      { status: "failed", attempts: 1, nextAttemptAt: minutesAgo(3), lockedUntil: minutesAgo(1) },
      { status: "pending", nextAttemptAt: minutesAgo(2), lockedUntil: new Date(Date.now() + 60_000) },
      { status: "succeeded", attempts: 1, nextAttemptAt: minutesAgo(2), succeededAt: minutesAgo(2) },
      { status: "dead", attempts: 5, nextAttemptAt: minutesAgo(2) },
      { status: "pending", nextAttemptAt: new Date(Date.now() + 60_000) },
    ]);
    const { result, state, ctx } = await engine().execute();
    const found = (await state[hashed("find-stranded")]) as string[];
    expect(found).toContain(stranded);
    expect(found).toContain(strandedFailed);
    for (const id of [locked, succeeded, dead, notYetDue]) expect(found).not.toContain(id);

    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    const [stepId, payload] = ctx.step.sendEvent.mock.calls[0] as unknown as [string, { name: string; data: { deliveryId: string } }[]];
    expect(stepId).toBe("reschedule");
    expect(payload).toEqual(expect.arrayContaining([{ name: DELIVERY_SCHEDULED, data: { deliveryId: stranded } }]));
    const sent = payload.map((e) => e.data.deliveryId);
    for (const id of [locked, succeeded, dead, notYetDue]) expect(sent).not.toContain(id);
    expect(payload.every((e) => e.name === DELIVERY_SCHEDULED)).toBe(true);
    await expect(state[hashed("reschedule")]).resolves.toEqual({ ids: ["mocked"] });
    expect(result).toEqual({ rescheduled: found.length });
  });

  it("sends nothing when no delivery is stranded", async () => {
    // Finish everything earlier tests left due.
    await db().update(webhookDeliveries).set({ status: "succeeded", nextAttemptAt: null });
    await deliveries([{ status: "pending", nextAttemptAt: new Date() }]);
    const { result, state, ctx } = await engine().execute();
    await expect(state[hashed("find-stranded")]).resolves.toEqual([]);
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(result).toEqual({ rescheduled: 0 });
  });
});
