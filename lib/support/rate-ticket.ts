import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { supportTickets } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { DomainError } from "@/lib/errors";
import type { SatisfactionInput, Ticket } from "./schemas";
import { requesterOf } from "./support-actor";
import { readTicket, ticketRow } from "./ticket-read";
import { assertNotClosed } from "./ticket-state";

/** The requester rates a resolved ticket (and may change the rating until it closes). */
export async function rateTicket(db: Db, principal: Principal, id: string, input: SatisfactionInput, opts: { now?: Date } = {}): Promise<Ticket> {
  const actor = requesterOf(principal);
  const ratedAt = await db.transaction(async (tx) => {
    const row = await ticketRow(tx, actor, id, { forUpdate: true });
    // Read after the lock: a rating is stamped in the order it commits.
    const now = opts.now ?? new Date();
    assertNotClosed(row);
    if (row.status !== "resolved") {
      throw new DomainError("INVALID_TRANSITION", `Ticket #${row.number} is ${row.status}: it can be rated once it is resolved`, [
        { path: "status", message: `is ${row.status}, not resolved` },
      ]);
    }
    await tx
      .update(supportTickets)
      .set({ satisfactionRating: input.rating, satisfactionComment: input.comment || null, satisfactionAt: now, updatedAt: now })
      .where(eq(supportTickets.id, row.id));
    return now;
  });
  return readTicket(db, actor, id, ratedAt);
}
