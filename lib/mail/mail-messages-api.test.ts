import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/mail/messages/route";
import * as getRoute from "@/app/api/v1/mail/messages/[id]/route";
import * as retryRoute from "@/app/api/v1/mail/messages/[id]/retry/route";
import { mailMessages } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { notify } from "@/lib/notifications/notify";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { pauseMailNudgesForTests } from "./nudge-mail-sender";

const db = useTestDb();
const list = (cookie: string, q = "") => callRoute(listRoute.GET, { path: `/api/v1/mail/messages${q}`, cookie });
const getOne = (cookie: string, id: string) => callRoute(getRoute.GET, { path: `/api/v1/mail/messages/${id}`, params: { id }, cookie });
const retry = (cookie: string, id: string) => callRoute(retryRoute.POST, { path: `/api/v1/mail/messages/${id}/retry`, params: { id }, cookie, method: "POST" });
const admin = async () => sessionCookie((await createUser(db(), { admin: true })).id);

afterEach(() => {
  delete process.env.SMTP_URL;
  resetConfigForTests();
  pauseMailNudgesForTests(false);
});

async function mailTo(title: string) {
  const { partner, user } = await createPartnerWithMember(db());
  await notify(db(), { kind: "partner.active", to: { users: [user.id] }, title, body: "Welcome aboard.", link: "/dashboard", partnerId: partner.id });
  const [row] = await db().select().from(mailMessages).where(eq(mailMessages.toUserId, user.id));
  return { partner, user, row };
}

describe("admin mail API", () => {
  it("lists mail newest first with filters on status and on address or subject, page by page", async () => {
    const cookie = await admin();
    const a = await mailTo("Approved: Alpha_100%");
    const b = await mailTo("Approved: Beta");
    const c = await mailTo("Approved: Gamma");
    await db().update(mailMessages).set({ status: "failed", lastError: "550 no" }).where(eq(mailMessages.id, c.row.id));

    const all = await list(cookie, "?limit=100");
    expect(all.status, all.text).toBe(200);
    const ids = all.body.data.map((m: { id: string }) => m.id);
    expect(ids.indexOf(c.row.id)).toBeLessThan(ids.indexOf(b.row.id));
    expect(ids.indexOf(b.row.id)).toBeLessThan(ids.indexOf(a.row.id));
    expect(all.body.data.find((m: { id: string }) => m.id === a.row.id)).toEqual({
      id: a.row.id,
      to: a.user.email,
      kind: "partner.active",
      subject: "Approved: Alpha_100%",
      status: "outbox",
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      sentAt: null,
      createdAt: a.row.createdAt.toISOString(),
    });

    expect((await list(cookie, "?status=failed")).body.data.map((m: { id: string }) => m.id)).toEqual([c.row.id]);
    // LIKE wildcards in q are literal.
    expect((await list(cookie, `?q=${encodeURIComponent("_100%")}`)).body.data.map((m: { id: string }) => m.id)).toEqual([a.row.id]);
    expect((await list(cookie, `?q=${encodeURIComponent("Alpha%100")}`)).body.data).toEqual([]);
    expect((await list(cookie, `?q=${encodeURIComponent(b.user.email.toUpperCase())}`)).body.data.map((m: { id: string }) => m.id)).toEqual([b.row.id]);

    const first = await list(cookie, "?q=Approved&limit=2");
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list(cookie, `?q=Approved&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((m: { id: string }) => m.id)).toEqual([a.row.id]);
    expect(second.body.nextCursor).toBeNull();

    const bad = await list(cookie, "?status=lost");
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("status");
  });

  it("shows one message with both bodies; 404 for an unknown id", async () => {
    const cookie = await admin();
    const { row, user } = await mailTo("Approved");
    const res = await getOne(cookie, row.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: row.id, to: user.email, subject: "Approved", messageId: null });
    expect(res.body.textBody).toContain("Welcome aboard.");
    expect(res.body.htmlBody).toContain("/dashboard");
    expect((await getOne(cookie, "6f1c3a52-5d7e-4f00-8d55-2b7e3c4d9a10")).status).toBe(404);
    expect((await getOne(cookie, "not-a-uuid")).status).toBe(404);
  });

  it("is for platform admins only", async () => {
    const { row, user, partner } = await mailTo("Approved");
    const own = await sessionCookie(user.id);
    // Not even the recipient reads the mail log (it is every user's mail).
    expect((await list(own)).status).toBe(403);
    expect((await getOne(own, row.id)).status).toBe(403);
    expect((await retry(own, row.id)).status).toBe(403);
    expect((await callRoute(listRoute.GET, { path: "/api/v1/mail/messages" })).status).toBe(401);
    const key = await createApiKey(db(), partner.id, { scopes: ["read:*"] });
    expect((await callRoute(listRoute.GET, { path: "/api/v1/mail/messages", bearer: key.key })).status).toBe(403);
  });

  it("retries a failed message with a fresh round of attempts; anything else is 409", async () => {
    const cookie = await admin();
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    resetConfigForTests();
    pauseMailNudgesForTests(true);
    const { row } = await mailTo("Approved");
    await db().update(mailMessages).set({ status: "failed", attempts: 6, lastError: "451 later", nextAttemptAt: null }).where(eq(mailMessages.id, row.id));
    const res = await retry(cookie, row.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "queued", attempts: 0, lastError: "451 later" });
    expect(res.body.nextAttemptAt).toEqual(expect.any(String));

    const again = await retry(cookie, row.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("INVALID_TRANSITION");
    expect((await retry(cookie, "6f1c3a52-5d7e-4f00-8d55-2b7e3c4d9a10")).status).toBe(404);
  });
});
