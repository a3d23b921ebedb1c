import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { supportTickets, users } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { Invalid } from "@/lib/errors";
import type { Ticket, UpdateTicketInput } from "./schemas";
import { supportActor } from "./support-actor";
import { noticeAssigned, noticeResolved } from "./ticket-notices";
import { tierOf } from "./requester-profile";
import { readTicket, ticketRow } from "./ticket-read";
import { afterStaffMove, assertNotClosed, assertRequesterUpdate, assertStaffMove, stateOf, withPriority, withStatus } from "./ticket-state";

async function assertAssignable(db: Db, assigneeId: string) {
  const [admin] = isUuid(assigneeId)
    ? await db.select({ id: users.id }).from(users).where(and(eq(users.id, assigneeId), eq(users.isPlatformAdmin, true)))
    : [];
  if (!admin) throw new Invalid("Tickets are assigned to platform staff only", [{ path: "assigneeId", message: "not a platform admin" }]);
}

/**
 * Staff change priority, category, assignee and status; a requester may only resolve their
 * ticket. Nobody closes one by hand (the scheduler does, 4 days after it was resolved), and
 * closed tickets never change (409 TICKET_CLOSED).
 */
export async function updateTicket(db: Db, principal: Principal, id: string, input: UpdateTicketInput, opts: { now?: Date } = {}): Promise<Ticket> {
  const actor = supportActor(principal);
  const changedAt = await db.transaction(async (tx) => {
    const row = await ticketRow(tx, actor, id, { forUpdate: true });
    // Read after the lock: changes to one ticket are stamped in the order they commit.
    const now = opts.now ?? new Date();
    let next = stateOf(row);
    const set: Partial<typeof supportTickets.$inferInsert> = {};
    if (actor.kind === "requester") {
      assertRequesterUpdate(row, input);
      if (input.status) next = withStatus(next, input.status, now);
    } else {
      assertNotClosed(row);
      if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
      if (input.status) assertStaffMove(row, input.status);
      const tier = input.priority || input.status ? await tierOf(tx, row) : null;
      if (input.priority) next = withPriority(next, input.priority, tier, now);
      if (input.status) next = afterStaffMove(next, input.status, now, tier);
      if (input.category && input.category !== row.category) set.category = input.category;
      if (input.assigneeId !== undefined && input.assigneeId !== row.assignedTo) set.assignedTo = input.assigneeId;
    }
    const changed = Object.keys(set).length > 0 || JSON.stringify(next) !== JSON.stringify(stateOf(row));
    if (!changed) return now;
    await tx
      .update(supportTickets)
      .set({ ...next, ...set, updatedAt: now })
      .where(eq(supportTickets.id, row.id));
    if (set.assignedTo) await noticeAssigned(tx, row, set.assignedTo, actor.userId);
    if (next.status === "resolved" && row.status !== "resolved") await noticeResolved(tx, row, actor.userId);
    return now;
  });
  return readTicket(db, actor, id, changedAt);
}
