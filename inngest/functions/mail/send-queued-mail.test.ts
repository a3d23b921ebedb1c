import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { inArray } from "drizzle-orm";
import { InngestExecutionEngine } from "inngest/internals";
import { describe, expect, it } from "vitest";
import { mailMessages } from "@/db/schema";
import { notify } from "@/lib/notifications/notify";
import { addPartnerMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { useSmtpSink } from "@/lib/testing/use-smtp-sink";
import { useTestDb } from "@/lib/testing/test-db";
import { MAIL_QUEUED } from "../../events";
import { scheduledJobFunctions } from "../jobs/scheduled-jobs";
import { MAIL_STEP_SIZE, sendQueuedMail } from "./send-queued-mail";

const db = useTestDb();
const smtp = useSmtpSink();
const hashed = (id: string) => InngestExecutionEngine._internals.hashId(id);

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
    await expect(state[hashed("send-1")]).resolves.toEqual({ sent: 2, retrying: 0, failed: 0, unseen: [] });
    expect(state[hashed("send-2")]).toBeUndefined();
    expect(state[hashed("send-late-1")]).toBeUndefined();
    expect(smtp().messages).toHaveLength(2);
    expect(smtp().messages.every((m) => m.subject === "Payout sent" && m.html.includes("/payouts/p1"))).toBe(true);
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
    await expect(state[hashed("send-1")]).resolves.toEqual({ sent: 0, retrying: 0, failed: 0, unseen: [id] });
    await expect(state[hashed("send-late-1")]).resolves.toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp().messages.map((m) => m.to)).toEqual([["late@example.test"]]);
  });

  it("sends a full event in steps of MAIL_STEP_SIZE, each step only its own messages", async () => {
    const count = 2 * MAIL_STEP_SIZE + 20;
    const rows = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      toAddress: `reader-${i}@example.test`,
      kind: "partner.active",
      subject: "Approved",
      textBody: "t",
      htmlBody: "<p>t</p>",
      status: "queued" as const,
      nextAttemptAt: new Date(),
    }));
    await db().insert(mailMessages).values(rows);
    const { result, state, error } = await run(rows.map((r) => r.id));
    expect(error).toBeUndefined();
    expect(result).toEqual({ sent: count, retrying: 0, failed: 0 });
    await expect(state[hashed("send-1")]).resolves.toEqual({ sent: MAIL_STEP_SIZE, retrying: 0, failed: 0, unseen: [] });
    await expect(state[hashed("send-2")]).resolves.toEqual({ sent: MAIL_STEP_SIZE, retrying: 0, failed: 0, unseen: [] });
    await expect(state[hashed("send-3")]).resolves.toEqual({ sent: 20, retrying: 0, failed: 0, unseen: [] });
    expect(state[hashed("send-4")]).toBeUndefined();
    expect(new Set(smtp().messages.map((m) => m.to[0])).size).toBe(count);
    expect(smtp().messages).toHaveLength(count);
  });

  it("sends nothing twice when the event comes again", async () => {
    const ids = await queuedPair();
    await run(ids);
    const { result, error } = await run(ids);
    expect(error).toBeUndefined();
    expect(result).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp().messages).toHaveLength(2);
  });

  it("records a refusal for the sweep to retry instead of failing the run", async () => {
    const ids = await queuedPair();
    smtp().refuse(2);
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
