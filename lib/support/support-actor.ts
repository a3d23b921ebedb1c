import { eq, type SQL } from "drizzle-orm";
import { supportTickets } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";

// Who is asking, for support: platform staff (who see and answer every ticket), or a requester,
// whose tickets belong to their organisation: their partner, or (a customer) their account.
// Partner credentials (API keys, OAuth tokens) act for their partner.

export type RequesterOrg = { type: "partner"; id: string } | { type: "account"; id: string };

/** A requester's `scopes` are their credential's or role's: what they may read elsewhere bounds what a ticket shows them. */
export type SupportActor =
  | { kind: "staff"; userId: string | null }
  | { kind: "requester"; org: RequesterOrg; userId: string | null; scopes: readonly string[] };

export type Requester = Extract<SupportActor, { kind: "requester" }>;

export function supportActor(p: Principal): SupportActor {
  if (isAdmin(p)) return { kind: "staff", userId: p.userId };
  const userId = p.type === "session" ? p.userId : null;
  if (p.partnerId) return { kind: "requester", org: { type: "partner", id: p.partnerId }, userId, scopes: p.scopes };
  if (p.type === "session" && p.accountId) return { kind: "requester", org: { type: "account", id: p.accountId }, userId, scopes: p.scopes };
  throw new Forbidden("Support is for partner members, customers and platform staff");
}

export function requesterOf(p: Principal): Requester {
  const actor = supportActor(p);
  if (actor.kind !== "requester") throw new Forbidden("Staff answer tickets; open one as a member of a partner or customer account");
  return actor;
}

/** Tickets the actor may see (undefined: all, for staff). */
export function visibleTickets(actor: { kind: "staff" } | { kind: "requester"; org: RequesterOrg }): SQL | undefined {
  if (actor.kind === "staff") return undefined;
  return actor.org.type === "partner" ? eq(supportTickets.partnerId, actor.org.id) : eq(supportTickets.accountId, actor.org.id);
}

export function orgOfTicket(t: { partnerId: string | null; accountId: string | null }): RequesterOrg {
  if (t.partnerId) return { type: "partner", id: t.partnerId };
  if (t.accountId) return { type: "account", id: t.accountId };
  // The table's check constraint makes this unreachable.
  throw new Error("ticket without an owner");
}

export const orgKey = (o: RequesterOrg) => `${o.type}:${o.id}`;
