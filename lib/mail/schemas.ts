import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";

export const mailStatuses = ["outbox", "queued", "sending", "sent", "failed"] as const;
export const MailStatus = z
  .enum(mailStatuses)
  .describe("`outbox`: kept in the app (no SMTP_URL); `queued`: waiting to be sent (or retried); `sending`: a sender has it; `sent`; `failed`: gave up")
  .meta({ id: "MailStatus" });

export const MailMessage = z
  .object({
    id: z.uuid(),
    to: z.string(),
    kind: z.string().describe("The notification kind the mail tells of"),
    subject: z.string(),
    status: MailStatus,
    attempts: z.number().int().min(0),
    nextAttemptAt: z.iso.datetime().nullable().describe("When a queued message is (re)tried"),
    lastError: z.string().nullable(),
    sentAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "MailMessage" });
export type MailMessage = z.infer<typeof MailMessage>;

export const MailMessageDetail = MailMessage.extend({
  textBody: z.string(),
  htmlBody: z.string().describe("The HTML part as sent; render it sandboxed"),
  messageId: z.string().nullable().describe("The Message-ID the SMTP server took it with"),
}).meta({ id: "MailMessageDetail" });
export type MailMessageDetail = z.infer<typeof MailMessageDetail>;

export const MailMessagePage = z.object({ data: z.array(MailMessage), nextCursor: z.string().nullable() }).meta({ id: "MailMessagePage" });
export type MailMessagePage = z.infer<typeof MailMessagePage>;

export const ListMailMessagesQuery = PageQuery.extend({
  status: MailStatus.optional(),
  q: z.string().trim().min(1).max(200).optional().describe("Part of the recipient's address or of the subject"),
}).meta({ id: "ListMailMessagesQuery" });
export type ListMailMessagesQuery = z.infer<typeof ListMailMessagesQuery>;
