import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { inArray } from "drizzle-orm";
import { InngestExecutionEngine } from "inngest/internals";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mailMessages } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { closeMailTransports } from "@/lib/mail/mail-transport";
import { pauseMailNudgesForTests } from "@/lib/mail/nudge-mail-sender";
import { notify } from "@/lib/notifications/notify";
import { addPartnerMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { useTestDb } from "@/lib/testing/test-db";
import { MAIL_QUEUED } from "../../events";
import { scheduledJobFunctions } from "../jobs/scheduled-jobs";
import { sendQueuedMail } from "./send-queued-mail";

const db = useTestDb();
let sink: SmtpSink;
const hashed = (id: string) => InngestExecutionEngine._internals.hashId(id);

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  closeMailTransports();
  await sink.close();
});
beforeEach(() => {
  process.env.SMTP_URL = sink.url;
  resetConfigForTests();
  sink.messages.length = 0;
  // The event (or the sweep) is what sends here, not the in-process nudge.
  pauseMailNudgesForTests(true);
});
afterEach(() => {
  pauseMailNudgesForTests(false);
  delete process.env.SMTP_URL;
  resetConfigForTests();
});

/** Two queued messages (an owner and an admin told of one thing): their ids. */
async function queuedPair(): Promise<string[]> {
  const { partner, user } = await createPartnerWithMember(db());
  const admin = await addPartnerMember(db(), partner.id, "admin");
  await notify(db(), { kind: "billing.payout_paid", to: { partner: partner.id }, title: "Payout sent", link: "/payouts/p1", partnerId: partner.id });
  const rows = await db().select().from(mailMessages).where(inArray(mailMessages.toUserId, [user.id, admin.id]));
  expect(rows.map((r) => r.status)).toEqual(["queued", "queued"]);
  return rows.map((r) => r.id);
}

/** A fresh engine per execution: what one delivery of the event would run. */
const run = (messageIds: string[]) => new InngestTestEngine({ function: sendQueuedMail, events: [{ name: MAIL_QUEUED, data: { messageIds } }] }).execute();

describe("mail-send-queued (Inngest function)", () => {
  it("sends the messages its event names, in one step", async () => {
    const ids = await queuedPair();
    const { result, state, error } = await run(ids);
    expect(error).toBeUndefined();
    expect(result).toEqual({ sent: 2, retrying: 0, failed: 0 });
    await expect(state[hashed("send")]).resolves.toEqual({ sent: 2, retrying: 0, failed: 0, unseen: 0 });
    expect(state[hashed("send-late")]).toBeUndefined();
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages.every((m) => m.subject === "Payout sent" && m.html.includes("/payouts/p1"))).toBe(true);
    const rows = await db().select().from(mailMessages).where(inArray(mailMessages.id, ids));
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });

  it("looks again after a moment when the event outran the commit of the mail it names", async () => {
    const id = randomUUID();
    const steps = [
      {
        id: "await-commit",
        // Instead of a real 2 s sleep: the queuing transaction commits meanwhile.
        handler: async () => {
          await db().insert(mailMessages).values({ id, toAddress: "late@example.test", kind: "partner.active", subject: "Late", textBody: "t", htmlBody: "<p>t</p>", status: "queued", nextAttemptAt: new Date() });
          return null;
        },
      },
    ];
    const { result, state, error } = await new InngestTestEngine({ function: sendQueuedMail, events: [{ name: MAIL_QUEUED, data: { messageIds: [id] } }], steps }).execute();
    expect(error).toBeUndefined();
    await expect(state[hashed("send")]).resolves.toEqual({ sent: 0, retrying: 0, failed: 0, unseen: 1 });
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sink.messages.map((m) => m.to)).toEqual([["late@example.test"]]);
  });

  it("sends nothing twice when the event comes again", async () => {
    const ids = await queuedPair();
    await run(ids);
    const { result, error } = await run(ids);
    expect(error).toBeUndefined();
    expect(result).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.messages).toHaveLength(2);
  });

  it("records a refusal for the sweep to retry instead of failing the run", async () => {
    const ids = await queuedPair();
    sink.refuse(2);
    const { result, error } = await run(ids);
    expect(error).toBeUndefined();
    expect(result).toEqual({ sent: 0, retrying: 2, failed: 0 });
    const rows = await db().select().from(mailMessages).where(inArray(mailMessages.id, ids));
    expect(rows.every((r) => r.status === "queued" && r.attempts === 1 && r.nextAttemptAt! > new Date())).toBe(true);
  });

  it("the mail-send cron sweep sends queued mail no event announced", async () => {
    const ids = await queuedPair();
    const sweep = scheduledJobFunctions.find((f) => f.id() === "scheduled-mail-send");
    expect(sweep).toBeDefined();
    expect((sweep!.opts.triggers as { cron: string }[])[0].cron).toBe("* * * * *");
    const { result, error } = await new InngestTestEngine({ function: sweep!, events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" }, ts: Date.now() }] }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ job: "mail-send", claimed: true, status: "succeeded", summary: { sent: 2 } });
    const rows = await db().select().from(mailMessages).where(inArray(mailMessages.id, ids));
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });
});
