// The mail API's shapes as the admin pages read them (lib/mail/schemas.ts is the source; types
// only, so no zod schema is bundled into the client).

export type { MailMessage, MailMessageDetail } from "@/lib/mail/schemas";
export type MailStatus = import("@/lib/mail/schemas").MailMessage["status"];

// The same list as lib/mail/schemas.ts (a client bundle must not pull zod in for one array).
export const mailStatuses = ["outbox", "queued", "sending", "sent", "failed"] as const satisfies readonly MailStatus[];
