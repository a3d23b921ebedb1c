import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { supportTickets, ticketLinks } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { DomainError, Invalid } from "@/lib/errors";
import type { CreateTicketInput, Ticket } from "./schemas";
import { requesterProfile } from "./requester-profile";
import { openingSla } from "./sla";
import { requesterOf, visibleTickets, type RequesterOrg } from "./support-actor";
import { verifyLinks } from "./ticket-links";
import { noticeTicketCreated } from "./ticket-notices";
import { readTicket } from "./ticket-read";

/** A follow-up continues a closed ticket of the same organisation (closed tickets never change). */
async function checkFollowUp(db: Db, org: RequesterOrg, id: string) {
  const notFound = new DomainError("NOT_FOUND", `followUpOf: no ticket ${id} of yours`, [{ path: "followUpOf", message: "not found among your tickets" }]);
  if (!isUuid(id)) throw notFound;
  const [prior] = await db
    .select({ status: supportTickets.status, number: supportTickets.number })
    .from(supportTickets)
    .where(and(eq(supportTickets.id, id), visibleTickets({ kind: "requester", org })));
  if (!prior) throw notFound;
  if (prior.status !== "closed") {
    throw new Invalid(`Ticket #${prior.number} is ${prior.status}: comment on it instead; only a closed ticket is followed up by a new one`, [
      { path: "followUpOf", message: `must be a closed ticket (#${prior.number} is ${prior.status})` },
    ]);
  }
}

/** Opens a ticket for the caller's organisation: it owes its first reply from now. */
export async function createTicket(db: Db, principal: Principal, input: CreateTicketInput, opts: { now?: Date } = {}): Promise<Ticket> {
  const requester = requesterOf(principal);
  const { org, userId } = requester;
  const now = opts.now ?? new Date();
  await verifyLinks(db, org, input.links, principal.scopes);
  if (input.followUpOf) await checkFollowUp(db, org, input.followUpOf);
  const profile = await requesterProfile(db, org);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(supportTickets)
      .values({
        partnerId: org.type === "partner" ? org.id : null,
        accountId: org.type === "account" ? org.id : null,
        openedBy: userId,
        subject: input.subject,
        body: input.body,
        priority: input.priority,
        category: input.category,
        followUpOf: input.followUpOf ?? null,
        ...openingSla(now, input.priority, profile.tier),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.links.length) {
      await tx.insert(ticketLinks).values(input.links.map((l, position) => ({ ticketId: row.id, position, type: l.type, objectId: l.id })));
    }
    await noticeTicketCreated(tx, row, userId, profile.name);
    return row.id;
  });
  return readTicket(db, requester, id, now);
}
