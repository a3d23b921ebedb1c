import { Badge, type Tone } from "@/components/ui/badge";
import type { MailStatus } from "./types";

const tones: Record<MailStatus, Tone> = { outbox: "gray", queued: "blue", sending: "yellow", sent: "green", failed: "red" };

export const mailStatusLabel: Record<MailStatus, string> = {
  outbox: "Outbox",
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
};

/** What each status means, for the filter's options and the detail page. */
export const mailStatusMeaning: Record<MailStatus, string> = {
  outbox: "kept here: no SMTP server is configured",
  queued: "waiting to be sent",
  sending: "being sent",
  sent: "accepted by the SMTP server",
  failed: "not sent; gave up after retrying",
};

/** A mail's status in one word with the shared badge colours; the word carries it, never the colour alone. */
export function MailStatusBadge({ status }: { status: MailStatus }) {
  return (
    <span data-status={status}>
      <Badge tone={tones[status] ?? "gray"}>{status}</Badge>
    </span>
  );
}
