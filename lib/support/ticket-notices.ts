import type { Db } from "@/db";
import { notify, type Recipients } from "@/lib/notifications/notify";
import { markdownToText } from "@/lib/text/markdown-to-text";
import type { TicketRow } from "./ticket-read";

// Who is told what about a ticket. Requesters' notices link to /support/<id>, staff's to
// /admin/tickets/<id>. Internal notes are never handed to anything here: the reply notice
// takes the public reply's text only.

type T = Pick<TicketRow, "id" | "number" | "subject" | "partnerId" | "accountId" | "assignedTo">;

const EXCERPT_CHARS = 280;

/** The first words of a comment (Markdown), one paragraph of plain text: notices show no Markdown. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  // By code points: cutting between a surrogate pair would leave a lone half that cannot be stored.
  const chars = Array.from(markdownToText(text));
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

const requesterOrg = (t: T): Recipients => (t.partnerId ? { partner: t.partnerId } : { account: t.accountId! });
const requesterLink = (t: T) => `/support/${t.id}`;
const staffLink = (t: T) => `/admin/tickets/${t.id}`;
const name = (t: T) => `#${t.number} ${t.subject}`;
const except = (actorId: string | null) => (actorId ? [actorId] : []);

export function noticeTicketCreated(db: Db, t: T, actorId: string | null, requesterName: string) {
  return notify(db, {
    kind: "support.ticket_created",
    to: { staff: true },
    title: `New ticket ${name(t)}`,
    body: `From ${requesterName}`,
    link: staffLink(t),
    exceptUserIds: except(actorId),
  });
}

export function noticeStaffReply(db: Db, t: T, actorId: string | null, publicReply: string, resolved: boolean) {
  return notify(db, {
    kind: "support.ticket_reply",
    to: requesterOrg(t),
    title: resolved ? `Support replied to ${name(t)} and resolved it` : `Support replied to ${name(t)}`,
    body: excerpt(publicReply),
    link: requesterLink(t),
    partnerId: t.partnerId,
    exceptUserIds: except(actorId),
  });
}

export function noticeRequesterComment(db: Db, t: T, actorId: string | null, comment: string) {
  return notify(db, {
    kind: "support.ticket_comment",
    to: t.assignedTo ? { users: [t.assignedTo] } : { staff: true },
    title: `New comment on ${name(t)}`,
    body: excerpt(comment),
    link: staffLink(t),
    exceptUserIds: except(actorId),
  });
}

export function noticeAssigned(db: Db, t: T, assigneeId: string, actorId: string | null) {
  return notify(db, {
    kind: "support.ticket_assigned",
    to: { users: [assigneeId] },
    title: `${name(t)} was assigned to you`,
    link: staffLink(t),
    exceptUserIds: except(actorId),
  });
}

export function noticeResolved(db: Db, t: T, actorId: string | null) {
  return notify(db, {
    kind: "support.ticket_resolved",
    to: requesterOrg(t),
    title: `${name(t)} was resolved`,
    body: "Reply to reopen it within 4 days; after that it closes and a new ticket can follow it up.",
    link: requesterLink(t),
    partnerId: t.partnerId,
    exceptUserIds: except(actorId),
  });
}

export function breachNotice(t: T & { dueAt: Date }) {
  return {
    kind: "support.sla_breached" as const,
    to: { staff: true as const },
    title: `SLA breached on ${name(t)}`,
    body: `A reply was due at ${t.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    link: staffLink(t),
  };
}
