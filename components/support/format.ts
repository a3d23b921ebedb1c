import type { Tone } from "@/components/ui/badge";
import { hasScope } from "@/lib/auth/scopes";
import type { PartnerTier } from "@/lib/partners/schemas";
import { SLA_TARGET_HOURS } from "@/lib/support/sla";
import { CLOSE_RESOLVED_AFTER_MS } from "@/lib/support/ticket-state";
import {
  ticketCategories,
  ticketLinkTypes,
  ticketPriorities,
  ticketStatuses,
  type TicketCategory,
  type TicketLinkType,
  type TicketPriority,
  type TicketStatus,
} from "@/lib/support/schemas";

// How tickets read in the portal and the admin queue: names for statuses, priorities, categories
// and linked objects, the SLA a priority buys, and the due times. Pure (no React, no clock), so the
// words are tested.

export const statusLabel: Record<TicketStatus, string> = { open: "Open", pending: "Pending", resolved: "Resolved", closed: "Closed" };
export const statusTone: Record<TicketStatus, Tone> = { open: "blue", pending: "yellow", resolved: "green", closed: "gray" };

export const priorityLabel: Record<TicketPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };
export const priorityTone: Record<TicketPriority, Tone> = { low: "gray", normal: "gray", high: "yellow", urgent: "red" };

export const categoryLabel: Record<TicketCategory, string> = {
  technical: "Technical",
  billing: "Billing",
  account: "Account",
  app_review: "App review",
  integration: "Integration",
  other: "Other",
};

export const linkTypeLabel: Record<TicketLinkType, string> = {
  application: "App",
  key: "API key",
  oauth_client: "OAuth client",
  webhook_endpoint: "Webhook endpoint",
  delivery: "Webhook delivery",
  event: "Event",
  integration: "Integration",
  invoice: "Invoice",
  payout: "Payout",
};

/** The same in a sentence ("This API key no longer exists"). */
export const linkTypeNoun: Record<TicketLinkType, string> = {
  application: "app",
  key: "API key",
  oauth_client: "OAuth client",
  webhook_endpoint: "webhook endpoint",
  delivery: "webhook delivery",
  event: "event",
  integration: "integration",
  invoice: "invoice",
  payout: "payout",
};

export const linkTypePlural: Record<TicketLinkType, string> = {
  application: "apps",
  key: "API keys",
  oauth_client: "OAuth clients",
  webhook_endpoint: "webhook endpoints",
  delivery: "webhook deliveries",
  event: "events",
  integration: "integrations",
  invoice: "invoices",
  payout: "payouts",
};

/** What a partner member needs to read each kind of object (the scope of its own API). */
const linkTypeScope: Record<TicketLinkType, string> = {
  application: "read:applications",
  key: "read:keys",
  oauth_client: "read:applications",
  webhook_endpoint: "read:webhooks",
  delivery: "read:webhooks",
  event: "read:events",
  integration: "read:marketplace",
  invoice: "read:billing",
  payout: "read:billing",
};

/**
 * The kinds of object a requester can attach: a customer has integrations (their agency's installs)
 * and nothing else; a partner member has what their role lets them read.
 */
export function linkTypesFor(requester: { kind: "partner"; scopes: readonly string[] } | { kind: "customer" }): TicketLinkType[] {
  if (requester.kind === "customer") return ["integration"];
  return ticketLinkTypes.filter((t) => hasScope(requester.scopes, linkTypeScope[t]));
}

export const isTicketStatus = (v: string): v is TicketStatus => (ticketStatuses as readonly string[]).includes(v);
export const isTicketPriority = (v: string): v is TicketPriority => (ticketPriorities as readonly string[]).includes(v);
export const isTicketCategory = (v: string): v is TicketCategory => (ticketCategories as readonly string[]).includes(v);
export const isTicketLinkType = (v: string): v is TicketLinkType => (ticketLinkTypes as readonly string[]).includes(v);

// The SLA the form promises beforehand is the API's own table (the API computes the due times).
export function slaFor(priority: TicketPriority, tier: PartnerTier | null | undefined): { first: number; next: number } {
  const f = tier === "enterprise" ? 0.5 : 1;
  return { first: SLA_TARGET_HOURS[priority].first * f, next: SLA_TARGET_HOURS[priority].next * f };
}

/** "30 minutes", "1 hour", "36 hours". */
export function formatHours(hours: number): string {
  if (hours < 1) {
    const m = Math.round(hours * 60);
    return `${m} ${m === 1 ? "minute" : "minutes"}`;
  }
  return `${hours} ${hours === 1 ? "hour" : "hours"}`;
}

/** "Urgent: first reply within 1 hour" (what choosing the priority promises the requester). */
export function priorityPromise(priority: TicketPriority, tier: PartnerTier | null | undefined): string {
  return `${priorityLabel[priority]}: first reply within ${formatHours(slaFor(priority, tier).first)}`;
}

const dueFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "Dec 7, 2:30 PM UTC": a due time, exact to the minute (the relative "in 3 hours" sits beside it). */
export function formatDue(value: string | Date): string {
  return `${dueFormat.format(new Date(value))} UTC`;
}

/** "Dec 7, 2026" (UTC). */
export function formatDay(value: string | Date): string {
  return dayFormat.format(new Date(value));
}

/** A resolved ticket closes by itself this long after it was resolved (the API's own constant). */
export const CLOSES_AFTER_MS = CLOSE_RESOLVED_AFTER_MS;

export type SlaTicket = {
  status: TicketStatus;
  firstReplyDueAt: string | null;
  firstRepliedAt: string | null;
  nextReplyDueAt: string | null;
  slaPaused: boolean;
  slaBreached: boolean;
  resolvedAt: string | null;
  closedAt: string | null;
};

/** When the reply staff owe now is due; null when none is owed (waiting on the requester, resolved, closed). */
export function replyDueAt(t: SlaTicket): string | null {
  if (t.status !== "open" || t.slaPaused) return null;
  return t.nextReplyDueAt ?? (t.firstRepliedAt ? null : t.firstReplyDueAt);
}

/**
 * What the requester is told about the ticket's clock. "late" never says "breached": that is the
 * staff's word for it; the requester is told the reply is on its way.
 */
export type RequesterSla =
  | { kind: "due"; at: string }
  | { kind: "late"; at: string }
  | { kind: "with-us" }
  | { kind: "waiting-on-you" }
  | { kind: "resolved"; closesOn: string | null }
  | { kind: "closed"; at: string | null };

export function requesterSla(t: SlaTicket, now: Date): RequesterSla {
  if (t.status === "closed") return { kind: "closed", at: t.closedAt };
  if (t.status === "resolved") return { kind: "resolved", closesOn: t.resolvedAt ? new Date(new Date(t.resolvedAt).getTime() + CLOSES_AFTER_MS).toISOString() : null };
  if (t.status === "pending") return { kind: "waiting-on-you" };
  const due = replyDueAt(t);
  if (!due) return { kind: "with-us" };
  return new Date(due).getTime() < now.getTime() || t.slaBreached ? { kind: "late", at: due } : { kind: "due", at: due };
}

/**
 * The staff's view of the clock: breached (red: a reply is owed and late, or the ticket missed a
 * target while still owing one), due within the hour (amber), due later, or no reply owed now
 * (`missed` remembers a target missed earlier).
 */
export type StaffSla =
  | { kind: "breached"; at: string | null }
  | { kind: "due-soon"; at: string }
  | { kind: "due"; at: string }
  | { kind: "paused"; missed: boolean }
  | { kind: "none"; missed: boolean };

export const DUE_SOON_MS = 60 * 60_000;

export function staffSla(t: SlaTicket, now: Date): StaffSla {
  const due = replyDueAt(t);
  if (due !== null && (t.slaBreached || new Date(due).getTime() <= now.getTime())) return { kind: "breached", at: due };
  if (t.status === "open" && !t.slaPaused && t.slaBreached) return { kind: "breached", at: null };
  if (t.status === "pending" || t.slaPaused) return { kind: "paused", missed: t.slaBreached };
  if (!due) return { kind: "none", missed: t.slaBreached };
  return new Date(due).getTime() - now.getTime() <= DUE_SOON_MS ? { kind: "due-soon", at: due } : { kind: "due", at: due };
}

/** "#1042" */
export const ticketNumber = (n: number) => `#${n}`;

/**
 * The status filter of a list, as the URL holds it (`?status=open,pending`): the statuses in the
 * catalogue's order, unknown words dropped, so a hand-edited link reads as the nearest valid filter.
 */
export function parseStatusList(value: string | null | undefined): TicketStatus[] {
  if (!value) return [];
  const asked = new Set(value.split(",").map((s) => s.trim()));
  return ticketStatuses.filter((s) => asked.has(s));
}

/** "Open and pending", "Resolved", "Open, pending and resolved"; "All statuses" for none or every one. */
export function describeStatuses(statuses: readonly TicketStatus[]): string {
  if (statuses.length === 0 || statuses.length === ticketStatuses.length) return "All statuses";
  const words = statuses.map((s, i) => (i === 0 ? statusLabel[s] : statusLabel[s].toLowerCase()));
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
