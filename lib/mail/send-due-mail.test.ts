import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mailMessages } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { notify } from "@/lib/notifications/notify";
import { addPartnerMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { useTestDb } from "@/lib/testing/test-db";
import { closeMailTransports } from "./mail-transport";
import { pauseMailNudgesForTests, settleMailNudges } from "./nudge-mail-sender";
import { MAIL_MAX_ATTEMPTS, MAIL_RETRY_DELAYS_MS, sendDueMail } from "./send-due-mail";

const db = useTestDb();
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  closeMailTransports();
  await sink.close();
});
beforeEach(async () => {
  // Each case counts what a sweep sends: leftovers of an earlier case (a retry due later) would blur that.
  await db().delete(mailMessages);
  process.env.SMTP_URL = sink.url;
  process.env.APP_URL = "https://portico.example.com";
  resetConfigForTests();
  sink.messages.length = 0;
  sink.refuse(0);
  pauseMailNudgesForTests(true);
});
afterEach(async () => {
  pauseMailNudgesForTests(false);
  await settleMailNudges();
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
  resetConfigForTests();
});

const rowFor = async (userId: string) => (await db().select().from(mailMessages).where(eq(mailMessages.toUserId, userId)))[0];

async function oneQueued(title = "Invoice PRT-202603-000001 issued") {
  const { partner, user } = await createPartnerWithMember(db());
  await notify(db(), { kind: "billing.invoice_issued", to: { users: [user.id] }, title, body: "Total: $12.00, due in 30 days.", link: "/invoices/abc", partnerId: partner.id });
  return { partner, user };
}

describe("sending mail over SMTP", () => {
  it("sends a queued notification as a multipart mail with the absolute link, and records it sent", async () => {
    const { user } = await oneQueued("Ünïcode invoice — PRT-1 issued");
    expect((await rowFor(user.id)).status).toBe("queued");
    expect(await sendDueMail(db())).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(sink.messages).toHaveLength(1);
    const [m] = sink.messages;
    expect(m.to).toEqual([user.email]);
    expect(m.from).toBe("no-reply@portico.test");
    expect(m.headers.from).toBe("Portico <no-reply@portico.test>");
    expect(m.headers.to).toBe(user.email);
    expect(m.subject).toBe("Ünïcode invoice — PRT-1 issued");
    expect(m.headers["content-type"]).toMatch(/^multipart\/alternative/);
    expect(m.text).toContain("Total: $12.00, due in 30 days.");
    expect(m.text).toContain("https://portico.example.com/invoices/abc");
    expect(m.html).toContain('<a href="https://portico.example.com/invoices/abc"');
    expect(m.html).toContain("Ünïcode invoice — PRT-1 issued");

    const row = await rowFor(user.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, lockedUntil: null });
    expect(row.messageId).toMatch(/^<.+@.+>$/);
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(m.headers["message-id"]).toBe(row.messageId);
    // Sent is sent: another sweep sends nothing.
    expect(await sendDueMail(db())).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.messages).toHaveLength(1);
  });

  it("goes out by itself right after notify (the in-process nudge)", async () => {
    pauseMailNudgesForTests(false);
    const { user } = await oneQueued();
    await settleMailNudges();
    expect(sink.messages.map((m) => m.to[0])).toEqual([user.email]);
    expect((await rowFor(user.id)).status).toBe("sent");
  });

  it("a nudge inside a transaction that has not committed yet is harmless: the sweep sends the mail once", async () => {
    pauseMailNudgesForTests(false);
    const { user } = await createPartnerWithMember(db());
    await db().transaction(async (tx) => {
      await notify(tx, { kind: "partner.active", to: { users: [user.id] }, title: "Approved" });
      // Longer than both of the nudge's looks: on Postgres it sees nothing yet.
      await new Promise((r) => setTimeout(r, 1_300));
    });
    await settleMailNudges();
    await sendDueMail(db());
    expect(sink.messages.filter((m) => m.to[0] === user.email)).toHaveLength(1);
    expect((await rowFor(user.id)).status).toBe("sent");
  });

  it("retries a refused mail after the backoff, then sends it", async () => {
    const { user } = await oneQueued();
    sink.refuse(1);
    const t0 = new Date();
    expect(await sendDueMail(db(), { now: t0 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let row = await rowFor(user.id);
    expect(row).toMatchObject({ status: "queued", attempts: 1, lockedUntil: null });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt!.getTime()).toBe(t0.getTime() + MAIL_RETRY_DELAYS_MS[0]);

    // Not due yet.
    expect(await sendDueMail(db(), { now: new Date(t0.getTime() + 30_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await sendDueMail(db(), { now: new Date(t0.getTime() + MAIL_RETRY_DELAYS_MS[0]) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    row = await rowFor(user.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(sink.messages).toHaveLength(1);
    expect(sink.refused()).toBeGreaterThanOrEqual(1);
  });

  it("gives up after the last retry: failed, with the last error", async () => {
    const { user } = await oneQueued();
    sink.refuse(1_000);
    let now = Date.now();
    for (let i = 0; i < MAIL_MAX_ATTEMPTS; i++) {
      const res = await sendDueMail(db(), { now: new Date(now) });
      expect(res).toEqual(i < MAIL_MAX_ATTEMPTS - 1 ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 });
      now += MAIL_RETRY_DELAYS_MS[i] ?? 0;
    }
    const row = await rowFor(user.id);
    expect(row).toMatchObject({ status: "failed", attempts: MAIL_MAX_ATTEMPTS, nextAttemptAt: null, lockedUntil: null });
    expect(row.lastError).toMatch(/451/);
    expect(await sendDueMail(db(), { now: new Date(now + 86_400_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it("does not retry what the server refuses for good (5xx to the message)", async () => {
    const { user } = await oneQueued();
    sink.refuse(1, { code: 550, message: "Mailbox unavailable" });
    expect(await sendDueMail(db())).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await rowFor(user.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await rowFor(user.id)).lastError).toMatch(/550/);
  });

  it("retries when the SMTP server is not there at all", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetConfigForTests();
    const { user } = await oneQueued();
    expect(await sendDueMail(db())).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await rowFor(user.id)).lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it("keeps mail in the outbox without SMTP_URL and sends nothing", async () => {
    delete process.env.SMTP_URL;
    resetConfigForTests();
    const { user } = await oneQueued();
    expect(await rowFor(user.id)).toMatchObject({ status: "outbox", nextAttemptAt: null });
    expect(await sendDueMail(db())).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it("two senders at once send each mail exactly once", async () => {
    const { partner } = await createPartnerWithMember(db());
    for (let i = 0; i < 24; i++) await addPartnerMember(db(), partner.id, "developer");
    await notify(db(), { kind: "partner.active", to: { partner: partner.id }, title: "Approved" });
    const [a, b] = await Promise.all([sendDueMail(db()), sendDueMail(db())]);
    expect(a.sent + b.sent).toBe(25);
    expect(sink.messages).toHaveLength(25);
    expect(new Set(sink.messages.map((m) => m.to[0])).size).toBe(25);
    const rows = await db().select().from(mailMessages).where(inArray(mailMessages.toAddress, sink.messages.map((m) => m.to[0])));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("takes over a message whose sender died mid-send once its claim lapses", async () => {
    const { user } = await oneQueued();
    const row = await rowFor(user.id);
    const now = Date.now();
    await db()
      .update(mailMessages)
      .set({ status: "sending", attempts: 1, lockedUntil: new Date(now + 60_000) })
      .where(eq(mailMessages.id, row.id));
    expect(await sendDueMail(db(), { now: new Date(now) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await sendDueMail(db(), { now: new Date(now + 61_000) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await rowFor(user.id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});
