import nodemailer, { type Transporter } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import { processState } from "@/lib/process-state";
import { SendSlots } from "./send-slots";

// One pooled SMTP transport per SMTP_URL, made on first use and kept: opening
// a TLS session per message would make a month-end run of thousands of mails
// slow and look like abuse to the relay. Timeouts are short because a sender
// holds its claim on the rows it is sending only for SEND_LOCK_MS.
//
// Beside each pool, `slots`: as many as the pool has connections, shared by
// every sender in the process (sweeps, nudges, Inngest steps). A sender takes a
// slot before it renews its claim and hands the message over, so the message
// gets a connection at once instead of queueing inside the pool, where its
// claim could lapse and another sender take it over and send it again.

export type MailTransport = Transporter<SMTPPool.SentMessageInfo>;
export type PooledMailTransport = { transport: MailTransport; slots: SendSlots };

const DEFAULT_MAX_CONNECTIONS = 5;

const transports = processState("mailTransports", () => new Map<string, PooledMailTransport>());

export function pooledMailTransport(smtpUrl: string): PooledMailTransport {
  let t = transports.get(smtpUrl);
  if (!t) {
    // The URL's own settings (host, port, smtps:, credentials, ?query options such as maxConnections) win over these defaults.
    const pool = new SMTPPool({
      pool: true,
      url: smtpUrl,
      maxConnections: DEFAULT_MAX_CONNECTIONS,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    const maxConnections = Number(pool.options.maxConnections) || DEFAULT_MAX_CONNECTIONS;
    t = { transport: nodemailer.createTransport(pool), slots: new SendSlots(maxConnections) };
    transports.set(smtpUrl, t);
  }
  return t;
}

/** Closes every cached transport (shutdown, and tests that stop their SMTP server). */
export function closeMailTransports() {
  for (const t of transports.values()) t.transport.close();
  transports.clear();
}
