import { and, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { supportTickets } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { SupportStats } from "./schemas";
import { supportActor, visibleTickets } from "./support-actor";

const HOUR_MS = 3_600_000;

/** Requesters: their organisation's open and pending tickets. Staff: the queue's pressure points too. */
export async function supportStats(db: Db, principal: Principal, opts: { now?: Date } = {}): Promise<SupportStats> {
  const actor = supportActor(principal);
  const now = (opts.now ?? new Date()).toISOString();
  const inHour = new Date(Date.parse(now) + HOUR_MS).toISOString();
  const t = supportTickets;
  const active = sql`${t.status} in ('open', 'pending')`;
  const running = sql`${active} and ${t.slaPausedAt} is null and ${t.nextReplyDueAt} is not null`;
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${t.status} = 'open')::int`,
      pending: sql<number>`count(*) filter (where ${t.status} = 'pending')::int`,
      breached: sql<number>`count(*) filter (where ${active} and (${t.slaBreached} or (${running} and ${t.nextReplyDueAt} <= ${now}::timestamptz)))::int`,
      dueWithinHour: sql<number>`count(*) filter (where ${running} and ${t.nextReplyDueAt} > ${now}::timestamptz and ${t.nextReplyDueAt} <= ${inHour}::timestamptz)::int`,
      unassigned: sql<number>`count(*) filter (where ${active} and ${t.assignedTo} is null)::int`,
    })
    .from(t)
    .where(and(active, visibleTickets(actor)));
  const open = Number(row?.open ?? 0);
  const pending = Number(row?.pending ?? 0);
  if (actor.kind === "requester") return { open, pending };
  return { open, pending, breached: Number(row?.breached ?? 0), dueWithinHour: Number(row?.dueWithinHour ?? 0), unassigned: Number(row?.unassigned ?? 0) };
}
