import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

// A real SMTP server on 127.0.0.1 for tests: it speaks the protocol to
// nodemailer like any relay and keeps what it receives, decoded enough to
// assert on (headers, the text and HTML parts). It can be told to refuse, to
// test retries: `refuse` answers the next messages' DATA (or MAIL FROM) with an
// SMTP error; and to be slow: `delay` holds each answer to DATA back.

export type CapturedMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The message as received (headers and MIME body). */
  raw: string;
  /** Header names lower-cased, values unfolded and decoded. */
  headers: Record<string, string>;
};

export type SmtpSink = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: CapturedMail[];
  /**
   * Answer the next `count` messages with this error (default 451, "try again later"), at DATA
   * (the message) or at MAIL FROM (the sender).
   */
  refuse(count: number, reply?: { code: number; message: string }, at?: "DATA" | "MAIL FROM"): void;
  /** Take this long to accept each message (default 0), like a busy relay. */
  delay(ms: number): void;
  /** How many messages were refused so far. */
  refused(): number;
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  let toRefuse = 0;
  let reply = { code: 451, message: "Try again later" };
  let refuseAt: "DATA" | "MAIL FROM" = "DATA";
  let refusedCount = 0;
  let delayMs = 0;
  const refusal = () => Object.assign(new Error(reply.message), { responseCode: reply.code });

  const server = new SMTPServer({
    authOptional: true,
    // No TLS in tests: without this the server offers STARTTLS with a self-signed certificate.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (refuseAt === "MAIL FROM" && toRefuse > 0) {
        toRefuse--;
        refusedCount++;
        return callback(refusal());
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuseAt === "DATA" && toRefuse > 0) {
          toRefuse--;
          refusedCount++;
          return callback(refusal());
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        setTimeout(() => {
          messages.push({ ...parseMessage(raw), from, to, raw });
          callback();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse(count, r, at = "DATA") {
      toRefuse = count;
      reply = r ?? { code: 451, message: "Try again later" };
      refuseAt = at;
    },
    delay(ms) {
      delayMs = ms;
    },
    refused: () => refusedCount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Part = { headers: Record<string, string>; body: string };

/** Headers (unfolded, names lower-cased) and the body after the blank line. */
function splitPart(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const enc = (part.headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (enc === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") return decodeQuotedPrintable(part.body);
  return part.body;
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII headers. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

function parseMessage(raw: string): Omit<CapturedMail, "from" | "to" | "raw"> {
  const top = splitPart(raw);
  let text = "";
  let html = "";
  const visit = (part: Part) => {
    const type = part.headers["content-type"] ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      const pieces = part.body.split(`--${boundary}`).slice(1);
      for (const piece of pieces) {
        if (piece.startsWith("--")) break;
        visit(splitPart(piece.replace(/^\r?\n/, "")));
      }
    } else if (/^text\/html/i.test(type)) {
      html = decodeBody(part);
    } else if (/^text\/plain/i.test(type)) {
      text = decodeBody(part);
    }
  };
  visit(top);
  return { subject: top.headers.subject ?? "", text: text.replace(/\r\n/g, "\n").trimEnd(), html: html.trimEnd(), headers: top.headers };
}
