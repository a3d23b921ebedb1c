import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { mailMessages } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { scheduledJobs } from "@/lib/jobs/schedules";
import { notify } from "@/lib/notifications/notify";
import { addPartnerMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { useSmtpSink } from "@/lib/testing/use-smtp-sink";
import { useTestDb } from "@/lib/testing/test-db";
import { pauseMailNudgesForTests, settleMailNudges } from "./nudge-mail-sender";
import { MAIL_MAX_ATTEMPTS, MAIL_RETRY_DELAYS_MS, SEND_LOCK_MS, STRANDED_AFTER_MS, sendDueMail } from "./send-due-mail";

const db = useTestDb();
const smtp = useSmtpSink({ appUrl: "https://portico.example.com" });

beforeEach(async () => {
  // Each case counts what a sweep sends: leftovers of an earlier case (a retry due later) would blur that.
  await db().delete(mailMessages);
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

    expect(smtp().messages).toHaveLength(1);
    const [m] = smtp().messages;
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
    expect(smtp().messages).toHaveLength(1);
  });

  it("goes out by itself right after notify (the in-process nudge)", async () => {
    pauseMailNudgesForTests(false);
    const { user } = await oneQueued();
    await settleMailNudges();
    expect(smtp().messages.map((m) => m.to[0])).toEqual([user.email]);
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
    expect(smtp().messages.filter((m) => m.to[0] === user.email)).toHaveLength(1);
    expect((await rowFor(user.id)).status).toBe("sent");
  });

  it("retries a refused mail after the backoff, then sends it", async () => {
    const { user } = await oneQueued();
    smtp().refuse(1);
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
    expect(smtp().messages).toHaveLength(1);
    expect(smtp().refused()).toBeGreaterThanOrEqual(1);
  });

  it("gives up after the last retry: failed, with the last error", async () => {
    const { user } = await oneQueued();
    smtp().refuse(1_000);
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
    expect(smtp().messages).toHaveLength(0);
  });

  it("does not retry what the server refuses for good (5xx to the message)", async () => {
    const { user } = await oneQueued();
    smtp().refuse(1, { code: 550, message: "Mailbox unavailable" });
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
    expect(smtp().messages).toHaveLength(0);
  });

  it("two senders at once send each mail exactly once", async () => {
    const { partner } = await createPartnerWithMember(db());
    for (let i = 0; i < 24; i++) await addPartnerMember(db(), partner.id, "developer");
    await notify(db(), { kind: "partner.active", to: { partner: partner.id }, title: "Approved" });
    const [a, b] = await Promise.all([sendDueMail(db()), sendDueMail(db())]);
    expect(a.sent + b.sent).toBe(25);
    expect(smtp().messages).toHaveLength(25);
    expect(new Set(smtp().messages.map((m) => m.to[0])).size).toBe(25);
    const rows = await db().select().from(mailMessages).where(inArray(mailMessages.toAddress, smtp().messages.map((m) => m.to[0])));
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

  it("does not retry a sender the server refuses for good (5xx to MAIL FROM), but does retry one it wants logged in first", async () => {
    const { user } = await oneQueued();
    smtp().refuse(1, { code: 530, message: "Authentication required" }, "MAIL FROM");
    expect(await sendDueMail(db())).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await rowFor(user.id)).lastError).toMatch(/530/);

    smtp().refuse(1, { code: 550, message: "Sender address rejected" }, "MAIL FROM");
    expect(await sendDueMail(db(), { now: new Date(Date.now() + MAIL_RETRY_DELAYS_MS[0]) })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const row = await rowFor(user.id);
    expect(row).toMatchObject({ status: "failed", attempts: 2, nextAttemptAt: null });
    expect(row.lastError).toMatch(/550/);
    expect(smtp().messages).toHaveLength(0);
  });
});

describe("never twice, never lost", () => {
  it("a database error after the relay accepted a mail does not send it again: the write is retried and the row ends sent", async () => {
    const { user } = await oneQueued();
    const tries: number[] = [];
    const res = await sendDueMail(db(), {
      beforeRecordingSent: (_id, attempt) => {
        tries.push(attempt);
        if (attempt === 1) throw new Error("Connection terminated unexpectedly");
      },
    });
    expect(res).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(tries).toEqual([1, 2]);
    expect(await rowFor(user.id)).toMatchObject({ status: "sent", attempts: 1, lastError: null, lockedUntil: null });
    // Past every retry delay and every claim: nothing is due, nothing goes out again.
    expect(await sendDueMail(db(), { now: new Date(Date.now() + 86_400_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp().messages).toHaveLength(1);
  });

  it("when the write of an accepted mail keeps failing, the process remembers it and records it later without sending it again", async () => {
    const { user } = await oneQueued();
    const res = await sendDueMail(db(), {
      beforeRecordingSent: () => {
        throw new Error("database unavailable");
      },
    });
    expect(res).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await rowFor(user.id)).toMatchObject({ status: "sending", attempts: 1 });
    // The database is back, and the claim has long lapsed: the next sweep writes what happened.
    await sendDueMail(db(), { now: new Date(Date.now() + SEND_LOCK_MS + 60_000) });
    expect(await rowFor(user.id)).toMatchObject({ status: "sent", attempts: 1, lockedUntil: null });
    expect(smtp().messages).toHaveLength(1);
  });

  it("a message whose claim lapsed while it waited for a connection is sent once: by whoever holds the claim when it goes out", async () => {
    // One connection, and a relay taking 150 ms a message: ten claimed at once wait their turn longer than the claim holds.
    process.env.SMTP_URL = `${smtp().url}?maxConnections=1`;
    resetConfigForTests();
    smtp().delay(150);
    const { partner } = await createPartnerWithMember(db());
    for (let i = 0; i < 11; i++) await addPartnerMember(db(), partner.id, "developer");
    await notify(db(), { kind: "partner.active", to: { partner: partner.id }, title: "Approved" });

    const lockMs = 1_000;
    const first = sendDueMail(db(), { lockMs });
    // The second starts once the first one's untouched claims have lapsed, and takes them over.
    await new Promise((r) => setTimeout(r, lockMs + 100));
    const second = sendDueMail(db(), { lockMs });
    const [a, b] = await Promise.all([first, second]);

    expect(a.sent + b.sent).toBe(12);
    expect(b.sent).toBeGreaterThan(0);
    const to = smtp().messages.map((m) => m.to[0]);
    expect(to).toHaveLength(12);
    expect(new Set(to).size).toBe(12);
    const rows = await db().select().from(mailMessages).where(inArray(mailMessages.toAddress, to));
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // Some rows really changed hands (claimed a second time) on the way.
    expect(rows.some((r) => r.attempts === 2)).toBe(true);
  });

  it("a run with a time budget finishes the batch it claimed, then leaves the rest to the next run", async () => {
    smtp().delay(20);
    const { partner } = await createPartnerWithMember(db());
    for (let i = 0; i < 11; i++) await addPartnerMember(db(), partner.id, "developer");
    await notify(db(), { kind: "partner.active", to: { partner: partner.id }, title: "Approved" });
    expect(await sendDueMail(db(), { budgetMs: 1 })).toEqual({ sent: 10, retrying: 0, failed: 0 });
    expect(await sendDueMail(db())).toEqual({ sent: 2, retrying: 0, failed: 0 });
  });

  it("the mail-send job may overlap itself, and claims nothing once its run is told to stop", async () => {
    const job = scheduledJobs.find((j) => j.id === "mail-send")!;
    expect(job.overlap).toBe(true);
    const { user } = await oneQueued();
    const stopping = new AbortController();
    stopping.abort();
    expect(await job.run(db(), new Date(), { signal: stopping.signal })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await rowFor(user.id)).status).toBe("queued");
    expect(await job.run(db(), new Date(), { signal: new AbortController().signal })).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });
});

describe("switching SMTP on and off", () => {
  it("without SMTP_URL, mail left queued or half-sent moves to the outbox once it is overdue", async () => {
    const { user } = await oneQueued();
    const half = await oneQueued();
    const now = Date.now();
    await db().update(mailMessages).set({ status: "sending", attempts: 1, lockedUntil: new Date(now + 60_000) }).where(eq(mailMessages.toUserId, half.user.id));
    delete process.env.SMTP_URL;
    resetConfigForTests();

    // Not yet: an instance that still has SMTP may be about to send it (a rolling switch), and the claim still holds.
    await sendDueMail(db(), { now: new Date(now) });
    expect((await rowFor(user.id)).status).toBe("queued");
    expect((await rowFor(half.user.id)).status).toBe("sending");

    await sendDueMail(db(), { now: new Date(now + STRANDED_AFTER_MS + 1_000) });
    expect(await rowFor(user.id)).toMatchObject({ status: "outbox", nextAttemptAt: null, lockedUntil: null });
    expect(await rowFor(half.user.id)).toMatchObject({ status: "outbox", nextAttemptAt: null, lockedUntil: null });
    expect(smtp().messages).toHaveLength(0);
  });

  it("with SMTP_URL set, mail kept in the outbox before stays there", async () => {
    delete process.env.SMTP_URL;
    resetConfigForTests();
    const { user } = await oneQueued();
    expect((await rowFor(user.id)).status).toBe("outbox");
    process.env.SMTP_URL = smtp().url;
    resetConfigForTests();
    expect(await sendDueMail(db(), { now: new Date(Date.now() + 86_400_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await rowFor(user.id)).status).toBe("outbox");
    expect(smtp().messages).toHaveLength(0);
  });
});
