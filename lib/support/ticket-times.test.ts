import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { supportTickets, ticketComments } from "@/db/schema";
import { createPartnerWithMember } from "@/lib/testing/fixtures";
import { createStaff, openTicket, principalOf } from "@/lib/testing/support-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { rateTicket } from "./rate-ticket";
import { addComment } from "./ticket-comments";
import { updateTicket } from "./update-ticket";

// A change to a ticket is stamped with the time it got the ticket's lock, not the time it was
// asked for: changes to one ticket then carry times in the order they commit, so a thread reads
// in the order it was written and lastCommentAt never goes back.

const db = useTestDb();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `change` while another transaction holds the ticket's row lock, and releases it a moment
 * later: returns the change's result and when the lock was released.
 */
async function whileLocked<T>(ticketId: string, change: () => Promise<T>): Promise<{ result: T; releasedAt: number }> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = db().transaction(async (tx) => {
    await tx.select({ id: supportTickets.id }).from(supportTickets).where(eq(supportTickets.id, ticketId)).for("update");
    locked();
    await released;
  });
  await isLocked;
  const pending = change();
  await sleep(50);
  const releasedAt = Date.now();
  release();
  await holder;
  return { result: await pending, releasedAt };
}

async function setup() {
  const { user } = await createPartnerWithMember(db());
  const staff = await createStaff(db());
  return { user, requester: await principalOf(db(), user.id), staff: await principalOf(db(), staff.user.id) };
}

describe("times are taken after the ticket's lock", () => {
  it("a comment that waited for the lock is stamped after the change it waited for", async () => {
    const { user, requester, staff } = await setup();
    const t = await openTicket(db(), user.id);
    const { result: c, releasedAt } = await whileLocked(t.id, () => addComment(db(), requester, t.id, { body: "Waited", internal: false }));
    expect(Date.parse(c.createdAt)).toBeGreaterThanOrEqual(releasedAt);
    const [row] = await db().select().from(supportTickets).where(eq(supportTickets.id, t.id));
    expect(row.lastCommentAt!.toISOString()).toBe(c.createdAt);

    // Two comments at once: their times follow their commit order, and the last one is lastCommentAt.
    await Promise.all([
      addComment(db(), staff, t.id, { body: "One", internal: false }),
      addComment(db(), requester, t.id, { body: "Two", internal: false }),
    ]);
    const thread = await db().select().from(ticketComments).where(eq(ticketComments.ticketId, t.id));
    const [ticket] = await db().select().from(supportTickets).where(eq(supportTickets.id, t.id));
    expect(ticket.lastCommentAt!.getTime()).toBe(Math.max(...thread.map((x) => x.createdAt.getTime())));
  });

  it("a change and a rating that waited are stamped after the lock too", async () => {
    const { user, requester, staff } = await setup();
    const t = await openTicket(db(), user.id);
    const { result: updated, releasedAt } = await whileLocked(t.id, () => updateTicket(db(), staff, t.id, { status: "resolved" }));
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(releasedAt);
    expect(Date.parse(updated.resolvedAt!)).toBeGreaterThanOrEqual(releasedAt);
    const rated = await whileLocked(t.id, () => rateTicket(db(), requester, t.id, { rating: 5 }));
    expect(Date.parse(rated.result.satisfaction!.ratedAt)).toBeGreaterThanOrEqual(rated.releasedAt);
  });
});
