import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { accounts, partners, supportTickets, ticketComments, ticketLinks, users } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";
import { Ticket, ticketCategories, type TicketCategory, type TicketLinkType } from "./schemas";
import { slaView } from "./sla";
import { orgOfTicket, supportActor, visibleTickets, type SupportActor } from "./support-actor";
import { readLinks } from "./ticket-links";

// Reading tickets as the API shows them: the requester's name and tier, people's names, the
// comments the caller may see, the live SLA view and each link's live context.

const opener = alias(users, "opener");
const assignee = alias(users, "assignee");
const prior = alias(supportTickets, "prior");

export type TicketRow = typeof supportTickets.$inferSelect;

/** Comments the actor may see: requesters never see internal notes. */
export function visibleComments(actor: SupportActor) {
  return actor.kind === "staff" ? undefined : eq(ticketComments.internal, false);
}

export function ticketQuery(db: Db, actor: SupportActor) {
  const internalFilter = actor.kind === "staff" ? sql`` : sql` and not c.internal`;
  return db
    .select({
      t: supportTickets,
      partnerName: partners.name,
      partnerTier: partners.tier,
      accountName: accounts.name,
      openerName: opener.name,
      assigneeName: assignee.name,
      priorNumber: prior.number,
      commentCount: sql<number>`(select count(*)::int from ${ticketComments} c where c.ticket_id = ${supportTickets.id}${internalFilter})`,
    })
    .from(supportTickets)
    .leftJoin(partners, eq(partners.id, supportTickets.partnerId))
    .leftJoin(accounts, eq(accounts.id, supportTickets.accountId))
    .leftJoin(opener, eq(opener.id, supportTickets.openedBy))
    .leftJoin(assignee, eq(assignee.id, supportTickets.assignedTo))
    .leftJoin(prior, eq(prior.id, supportTickets.followUpOf));
}

export type TicketQueryRow = Awaited<ReturnType<typeof ticketQuery>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const categoryOf = (c: string): TicketCategory => ((ticketCategories as readonly string[]).includes(c) ? (c as TicketCategory) : "other");

/**
 * Rows → API tickets, links read in one query per kind for the whole page. A requester sees a
 * link's context only for kinds their role or credential can read elsewhere (a billing member
 * sees no key prefixes or endpoint URLs through a colleague's ticket); staff see all of it.
 */
export async function toTickets(db: Db, actor: SupportActor, rows: TicketQueryRow[], now = new Date()): Promise<Ticket[]> {
  if (!rows.length) return [];
  const stored = await db
    .select()
    .from(ticketLinks)
    .where(inArray(ticketLinks.ticketId, rows.map((r) => r.t.id)))
    .orderBy(asc(ticketLinks.ticketId), asc(ticketLinks.position));
  const byTicket = new Map<string, Array<{ type: TicketLinkType; id: string }>>();
  for (const l of stored) byTicket.set(l.ticketId, [...(byTicket.get(l.ticketId) ?? []), { type: l.type as TicketLinkType, id: l.objectId }]);
  const scopes = actor.kind === "staff" ? null : actor.scopes;
  const links = await readLinks(db, rows.map((r) => ({ org: orgOfTicket(r.t), links: byTicket.get(r.t.id) ?? [] })), scopes);
  return rows.map((r, i) => toTicket(r, links[i], now));
}

function toTicket(r: TicketQueryRow, links: Ticket["links"], now: Date): Ticket {
  const t = r.t;
  const view = slaView(t, now);
  return Ticket.parse({
    id: t.id,
    number: t.number,
    subject: t.subject,
    body: t.body,
    status: t.status,
    priority: t.priority,
    category: categoryOf(t.category),
    links,
    requester: t.partnerId
      ? { type: "partner", id: t.partnerId, name: r.partnerName ?? "", tier: r.partnerTier ?? null }
      : { type: "account", id: t.accountId, name: r.accountName ?? "", tier: null },
    openedBy: t.openedBy ? { id: t.openedBy, name: r.openerName ?? "" } : null,
    assignee: t.assignedTo ? { id: t.assignedTo, name: r.assigneeName ?? "" } : null,
    followUpOf: t.followUpOf && r.priorNumber !== null ? { id: t.followUpOf, number: r.priorNumber } : null,
    firstReplyDueAt: iso(t.firstReplyDueAt),
    firstRepliedAt: iso(t.firstRepliedAt),
    nextReplyDueAt: iso(view.nextReplyDueAt),
    slaPaused: view.slaPaused,
    slaBreached: view.slaBreached,
    satisfaction:
      t.satisfactionRating !== null && t.satisfactionAt
        ? { rating: t.satisfactionRating, comment: t.satisfactionComment, ratedAt: t.satisfactionAt.toISOString() }
        : null,
    commentCount: Number(r.commentCount),
    lastCommentAt: iso(t.lastCommentAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  });
}

/** The stored row of a ticket the actor may see, else 404. `forUpdate` locks it for a change. */
export async function ticketRow(db: Db, actor: SupportActor, id: string, opts: { forUpdate?: boolean } = {}): Promise<TicketRow> {
  if (!isUuid(id)) throw new NotFound("Ticket");
  const q = db
    .select()
    .from(supportTickets)
    .where(and(eq(supportTickets.id, id), visibleTickets(actor)))
    .limit(1);
  const [row] = await (opts.forUpdate ? q.for("update") : q);
  if (!row) throw new NotFound("Ticket");
  return row;
}

/** One ticket as the caller sees it. */
export async function getTicket(db: Db, principal: Principal, id: string, opts: { now?: Date } = {}): Promise<Ticket> {
  const actor = supportActor(principal);
  return readTicket(db, actor, id, opts.now);
}

export async function readTicket(db: Db, actor: SupportActor, id: string, now = new Date()): Promise<Ticket> {
  if (!isUuid(id)) throw new NotFound("Ticket");
  const rows = await ticketQuery(db, actor).where(and(eq(supportTickets.id, id), visibleTickets(actor)));
  if (!rows.length) throw new NotFound("Ticket");
  return (await toTickets(db, actor, rows, now))[0];
}
