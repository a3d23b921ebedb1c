import nodemailer, { type Transporter } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import { processState } from "@/lib/process-state";

// One pooled SMTP transport per SMTP_URL, made on first use and kept: opening
// a TLS session per message would make a month-end run of thousands of mails
// slow and look like abuse to the relay. Timeouts are short because a sender
// holds its claim on the rows it is sending only for SEND_LOCK_MS.

export type MailTransport = Transporter<SMTPPool.SentMessageInfo>;

const transports = processState("mailTransports", () => new Map<string, MailTransport>());

export function mailTransport(smtpUrl: string): MailTransport {
  let t = transports.get(smtpUrl);
  if (!t) {
    // The URL's own settings (host, port, smtps:, credentials, ?query options) win over these defaults.
    t = nodemailer.createTransport(
      new SMTPPool({ pool: true, url: smtpUrl, maxConnections: 5, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    );
    transports.set(smtpUrl, t);
  }
  return t;
}

/** Closes every cached transport (shutdown, and tests that stop their SMTP server). */
export function closeMailTransports() {
  for (const t of transports.values()) t.close();
  transports.clear();
}
