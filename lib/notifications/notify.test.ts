import { and, eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applications, integrations, mailMessages, notificationPreferences, notifications, users } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { addAccountMember, addPartnerMember, createAccountWithMember, createPartnerWithMember, createUser } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { notify, notifyMany } from "./notify";

const db = useTestDb();

const inboxOf = (userIds: string[], kind: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), eq(notifications.kind, kind)));
const mailOf = (userIds: string[], kind: string) =>
  db()
    .select()
    .from(mailMessages)
    .where(and(inArray(mailMessages.toUserId, userIds), eq(mailMessages.kind, kind)));

beforeEach(() => {
  delete process.env.SMTP_URL;
  resetConfigForTests();
});
afterEach(() => resetConfigForTests());

describe("notify", () => {
  it("tells each member of a partner once, skipping the excepted, with a mail in the outbox when no SMTP is configured", async () => {
    const { partner, user: owner } = await createPartnerWithMember(db());
    const dev = await addPartnerMember(db(), partner.id, "developer");
    const author = await addPartnerMember(db(), partner.id, "admin");

    // The owner is named twice (as a member and by id): one notification, not two.
    const res = await notify(db(), {
      kind: "application.approved",
      to: [{ partner: partner.id }, { users: [owner.id] }],
      title: "Claims Sync is approved",
      body: "You can publish it now.",
      link: "/apps/123",
      partnerId: partner.id,
      exceptUserIds: [author.id],
    });
    expect(res).toEqual({ notified: 2, mailed: 2 });

    const rows = await inboxOf([owner.id, dev.id, author.id], "application.approved");
    expect(rows.map((r) => r.userId).sort()).toEqual([owner.id, dev.id].sort());
    expect(rows[0]).toMatchObject({ title: "Claims Sync is approved", body: "You can publish it now.", link: "/apps/123", partnerId: partner.id, readAt: null });

    const mails = await mailOf([owner.id, dev.id, author.id], "application.approved");
    expect(mails.map((m) => m.toAddress).sort()).toEqual([owner.email, dev.email].sort());
    const mine = mails.find((m) => m.toUserId === owner.id)!;
    expect(mine).toMatchObject({ status: "outbox", subject: "Claims Sync is approved", attempts: 0, nextAttemptAt: null });
    expect(mine.notificationId).toBe(rows.find((r) => r.userId === owner.id)!.id);
    expect(mine.textBody).toContain("You can publish it now.");
    expect(mine.textBody).toContain("http://localhost:3000/apps/123");
    expect(mine.htmlBody).toContain('href="http://localhost:3000/apps/123"');
  });

  it("limits a partner to the roles asked for", async () => {
    const { partner, user: owner } = await createPartnerWithMember(db());
    const billing = await addPartnerMember(db(), partner.id, "billing");
    const dev = await addPartnerMember(db(), partner.id, "developer");
    const res = await notify(db(), { kind: "billing.invoice_overdue", to: { partner: partner.id, roles: ["owner", "billing"] }, title: "Invoice PRT-1 is overdue" });
    expect(res.notified).toBe(2);
    expect((await inboxOf([owner.id, billing.id, dev.id], "billing.invoice_overdue")).map((r) => r.userId).sort()).toEqual([owner.id, billing.id].sort());
  });

  it("reaches account members, installers of an app and platform staff", async () => {
    const { account, user: member } = await createAccountWithMember(db());
    const colleague = await addAccountMember(db(), account.id, "member");
    const other = await createAccountWithMember(db());
    const gone = await createAccountWithMember(db());
    const { partner } = await createPartnerWithMember(db());
    const [app] = await db().insert(applications).values({ partnerId: partner.id, name: "Quote Bot", slug: `quote-bot-${Date.now()}` }).returning();
    await db().insert(integrations).values([
      { accountId: account.id, applicationId: app.id, partnerId: partner.id, status: "active" },
      { accountId: gone.account.id, applicationId: app.id, partnerId: partner.id, status: "disconnected", uninstalledAt: new Date() },
    ]);
    const staff = await createUser(db(), { admin: true });

    expect((await notify(db(), { kind: "integration.failed", to: { account: account.id }, title: "x" })).notified).toBe(2);
    expect((await notify(db(), { kind: "application.deprecated", to: { installersOf: app.id }, title: "Quote Bot retires" })).notified).toBe(2);
    const told = await inboxOf([member.id, colleague.id, other.user.id, gone.user.id], "application.deprecated");
    expect(told.map((r) => r.userId).sort()).toEqual([member.id, colleague.id].sort());

    const admins = await db().select({ id: users.id }).from(users).where(eq(users.isPlatformAdmin, true));
    expect((await notify(db(), { kind: "support.sla_breached", to: { staff: true }, title: "Ticket #1001 breached" })).notified).toBe(admins.length);
    expect(await inboxOf([staff.id], "support.sla_breached")).toHaveLength(1);
  });

  it("mails by the user's preference, else the kind's default", async () => {
    const { partner, user: owner } = await createPartnerWithMember(db());
    const optedIn = await addPartnerMember(db(), partner.id, "admin");
    const optedOut = await addPartnerMember(db(), partner.id, "admin");
    await db().insert(notificationPreferences).values([
      { userId: optedIn.id, kind: "review.created", mail: true },
      { userId: optedOut.id, kind: "listing.delisted", mail: false },
    ]);
    // review.created is off by default, listing.delisted on.
    expect(await notify(db(), { kind: "review.created", to: { partner: partner.id }, title: "New review" })).toEqual({ notified: 3, mailed: 1 });
    expect((await mailOf([owner.id, optedIn.id, optedOut.id], "review.created")).map((m) => m.toUserId)).toEqual([optedIn.id]);
    expect(await notify(db(), { kind: "listing.delisted", to: { partner: partner.id }, title: "Removed" })).toEqual({ notified: 3, mailed: 2 });
  });

  it("queues mail for the sender when SMTP is configured", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    resetConfigForTests();
    const { pauseMailNudgesForTests } = await import("@/lib/mail/nudge-mail-sender");
    pauseMailNudgesForTests(true);
    try {
      const { user } = await createPartnerWithMember(db());
      const before = new Date();
      await notify(db(), { kind: "partner.active", to: { users: [user.id] }, title: "You are in" });
      const [m] = await mailOf([user.id], "partner.active");
      expect(m.status).toBe("queued");
      expect(m.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    } finally {
      pauseMailNudgesForTests(false);
    }
  });

  it("tells nobody when the caller's transaction rolls back", async () => {
    const { user } = await createPartnerWithMember(db());
    await expect(
      db().transaction(async (tx) => {
        await notify(tx, { kind: "partner.suspended", to: { users: [user.id] }, title: "Suspended" });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await inboxOf([user.id], "partner.suspended")).toEqual([]);
    expect(await mailOf([user.id], "partner.suspended")).toEqual([]);
  });

  it("writes many notifications, each to its own recipients, in one call", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const bDev = await addPartnerMember(db(), b.partner.id, "developer");
    const res = await notifyMany(db(), [
      { kind: "billing.invoice_issued", to: { partner: a.partner.id }, title: "Invoice A", link: "/invoices/a", partnerId: a.partner.id },
      { kind: "billing.invoice_issued", to: { partner: b.partner.id, roles: ["owner"] }, title: "Invoice B", link: "/invoices/b", partnerId: b.partner.id },
      { kind: "billing.invoice_issued", to: { users: [] }, title: "Nobody" },
    ]);
    expect(res).toEqual({ notified: 2, mailed: 2 });
    const rows = await inboxOf([a.user.id, b.user.id, bDev.id], "billing.invoice_issued");
    expect(rows.map((r) => [r.userId, r.title, r.partnerId]).sort()).toEqual(
      [
        [a.user.id, "Invoice A", a.partner.id],
        [b.user.id, "Invoice B", b.partner.id],
      ].sort(),
    );
    expect(await notifyMany(db(), [])).toEqual({ notified: 0, mailed: 0 });
  });

  it("escapes what people typed in the mail's HTML", async () => {
    const { user } = await createPartnerWithMember(db());
    await notify(db(), {
      kind: "application.rejected",
      to: { users: [user.id] },
      title: `<img src=x onerror=alert(1)> "App"`,
      body: "Reason: <script>steal()</script> & more",
      link: "javascript:alert(1)",
    });
    const [m] = await mailOf([user.id], "application.rejected");
    expect(m.htmlBody).not.toContain("<script>");
    expect(m.htmlBody).not.toContain("<img src=x");
    expect(m.htmlBody).toContain("&lt;script&gt;steal()&lt;/script&gt; &amp; more");
    expect(m.htmlBody).not.toContain("javascript:");
    expect(m.subject).toBe(`<img src=x onerror=alert(1)> "App"`);
    expect(m.textBody).toContain("Reason: <script>steal()</script> & more");
  });
});
