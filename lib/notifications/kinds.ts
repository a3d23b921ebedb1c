// Every kind of notification the platform sends, in one catalog: notify() only
// takes these, the preferences API lists them, and `defaultMail` decides whether
// a user who never chose gets the mail too. Mail is on by default for what a
// person must act on or would be hurt to miss (money, outages, decisions about
// their apps, their account's security, support replies); off for news.

export type NotificationGroup = "account" | "applications" | "marketplace" | "integrations" | "webhooks" | "billing" | "support";

export type NotificationKindInfo = {
  kind: string;
  label: string;
  description: string;
  group: NotificationGroup;
  defaultMail: boolean;
  /** Only platform staff receive it: other users' settings do not list it. */
  staffOnly?: boolean;
};

export const notificationKinds = [
  // account
  { kind: "partner.active", label: "Partner approved", description: "Your partner organisation was approved and can publish apps.", group: "account", defaultMail: true },
  { kind: "partner.suspended", label: "Partner suspended", description: "Your partner organisation was suspended.", group: "account", defaultMail: true },
  {
    kind: "account.signup_attempt",
    label: "Sign-up with your address",
    description: "Someone tried to create an account with your email address.",
    group: "account",
    defaultMail: true,
  },
  // applications
  { kind: "application.approved", label: "App approved", description: "An app of yours passed review and can be published.", group: "applications", defaultMail: true },
  { kind: "application.rejected", label: "App rejected", description: "An app of yours was rejected in review, with the reason.", group: "applications", defaultMail: true },
  {
    kind: "application.deprecated",
    label: "Installed app deprecated",
    description: "An app your account has installed is being retired.",
    group: "applications",
    defaultMail: true,
  },
  // marketplace
  { kind: "listing.delisted", label: "Listing removed", description: "A listing of yours was removed from the marketplace.", group: "marketplace", defaultMail: true },
  { kind: "listing.relisted", label: "Listing restored", description: "A listing of yours is back in the marketplace.", group: "marketplace", defaultMail: false },
  { kind: "review.created", label: "New review", description: "A customer reviewed one of your listings.", group: "marketplace", defaultMail: false },
  { kind: "review.replied", label: "Reply to your review", description: "A partner replied to your review.", group: "marketplace", defaultMail: false },
  { kind: "review.hidden", label: "Review hidden", description: "A moderator hid your review.", group: "marketplace", defaultMail: false },
  // integrations
  {
    kind: "integration.failed",
    label: "Integration failing",
    description: "An integration failed its health checks several times in a row.",
    group: "integrations",
    defaultMail: true,
  },
  // webhooks
  {
    kind: "webhook.endpoint_disabled",
    label: "Webhook endpoint disabled",
    description: "A webhook endpoint was disabled after failing every delivery for days.",
    group: "webhooks",
    defaultMail: true,
  },
  // billing
  { kind: "billing.invoice_issued", label: "Invoice issued", description: "A new invoice for your partner organisation.", group: "billing", defaultMail: true },
  { kind: "billing.invoice_overdue", label: "Invoice overdue", description: "An invoice is past its due date.", group: "billing", defaultMail: true },
  { kind: "billing.payout_paid", label: "Payout paid", description: "A payout to your partner organisation was sent.", group: "billing", defaultMail: true },
  { kind: "billing.payout_failed", label: "Payout failed", description: "A payout could not be made; its amount returns to your balance.", group: "billing", defaultMail: true },
  // support
  { kind: "support.ticket_created", label: "New support ticket", description: "Staff: a customer or partner opened a ticket.", group: "support", defaultMail: true, staffOnly: true },
  { kind: "support.ticket_reply", label: "Reply from support", description: "Support staff replied to your ticket.", group: "support", defaultMail: true },
  { kind: "support.ticket_comment", label: "Ticket comment", description: "Staff: the requester commented on a ticket.", group: "support", defaultMail: true, staffOnly: true },
  { kind: "support.ticket_assigned", label: "Ticket assigned to you", description: "Staff: a ticket was assigned to you.", group: "support", defaultMail: true, staffOnly: true },
  { kind: "support.ticket_resolved", label: "Ticket resolved", description: "Your support ticket was resolved.", group: "support", defaultMail: true },
  { kind: "support.sla_breached", label: "SLA breached", description: "Staff: a ticket missed its reply target.", group: "support", defaultMail: true, staffOnly: true },
] as const satisfies readonly NotificationKindInfo[];

export type NotificationKind = (typeof notificationKinds)[number]["kind"];

const byKind = new Map<string, NotificationKindInfo>(notificationKinds.map((k) => [k.kind, k]));

export function isNotificationKind(kind: string): kind is NotificationKind {
  return byKind.has(kind);
}

export function kindInfo(kind: NotificationKind): NotificationKindInfo {
  return byKind.get(kind)!;
}
