import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as prefsRoute from "@/app/api/v1/me/notification-preferences/route";
import { mailMessages } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { notificationKinds } from "./kinds";
import { notify } from "./notify";

const db = useTestDb();
const platformAdminUser = (d: ReturnType<typeof db>) => createUser(d, { admin: true });
const path = "/api/v1/me/notification-preferences";
const get = (cookie: string) => callRoute(prefsRoute.GET, { path, cookie });
const put = (cookie: string, body: unknown) => callRoute(prefsRoute.PUT, { path, cookie, method: "PUT", body });

describe("notification preferences", () => {
  it("lists every kind of the catalog a partner can get (not staff's) with its default until the user chooses", async () => {
    const { user } = await createPartnerWithMember(db());
    const res = await get(await sessionCookie(user.id));
    expect(res.status, res.text).toBe(200);
    const staffOnly = notificationKinds.filter((k) => "staffOnly" in k && k.staffOnly).map((k) => k.kind);
    expect(staffOnly).toEqual(["support.ticket_created", "support.ticket_comment", "support.ticket_assigned", "support.sla_breached"]);
    expect(res.body.data.map((p: { kind: string }) => p.kind)).toEqual(notificationKinds.map((k) => k.kind).filter((k) => !staffOnly.includes(k)));
    // Staff see every kind, theirs included.
    const admin = await platformAdminUser(db());
    const staffRes = await get(await sessionCookie(admin.id));
    expect(staffRes.body.data.map((p: { kind: string }) => p.kind)).toEqual(notificationKinds.map((k) => k.kind));
    expect(res.body.data.find((p: { kind: string }) => p.kind === "billing.invoice_issued")).toEqual({
      kind: "billing.invoice_issued",
      label: "Invoice issued",
      description: expect.any(String),
      group: "billing",
      mail: true,
      defaultMail: true,
    });
    expect(res.body.data.find((p: { kind: string }) => p.kind === "review.created")).toMatchObject({ mail: false, defaultMail: false });
  });

  it("stores a choice per user, leaves the kinds not named alone, and notify() follows it", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const other = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const res = await put(cookie, { preferences: [{ kind: "billing.invoice_issued", mail: false }, { kind: "review.created", mail: true }] });
    expect(res.status, res.text).toBe(200);
    const byKind = Object.fromEntries(res.body.data.map((p: { kind: string; mail: boolean }) => [p.kind, p.mail]));
    expect(byKind).toMatchObject({ "billing.invoice_issued": false, "review.created": true, "billing.invoice_overdue": true });
    // Changing it again overwrites; GET reads back the same.
    await put(cookie, { preferences: [{ kind: "review.created", mail: false }] });
    const again = Object.fromEntries((await get(cookie)).body.data.map((p: { kind: string; mail: boolean }) => [p.kind, p.mail]));
    expect(again).toMatchObject({ "billing.invoice_issued": false, "review.created": false });
    // Another user is not affected.
    const theirs = (await get(await sessionCookie(other.user.id))).body.data.find((p: { kind: string }) => p.kind === "billing.invoice_issued");
    expect(theirs.mail).toBe(true);

    expect(await notify(db(), { kind: "billing.invoice_issued", to: { partner: partner.id }, title: "Invoice" })).toEqual({ notified: 1, mailed: 0 });
    expect(await db().select().from(mailMessages).where(and(eq(mailMessages.toUserId, user.id), eq(mailMessages.kind, "billing.invoice_issued")))).toEqual([]);
  });

  it("refuses an unknown kind (422 naming preferences.N.kind) and a kind named twice, changing nothing", async () => {
    const { user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const bad = await put(cookie, { preferences: [{ kind: "billing.invoice_issued", mail: false }, { kind: "billing.nope", mail: true }] });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toMatch(/problem\+json/);
    expect(bad.body.errors).toEqual([{ path: "preferences.1.kind", message: "Unknown notification kind" }]);
    const twice = await put(cookie, { preferences: [{ kind: "review.created", mail: true }, { kind: "review.created", mail: false }] });
    expect(twice.status).toBe(422);
    expect(twice.body.errors.map((e: { path: string }) => e.path)).toEqual(["preferences.1.kind"]);
    const wrongType = await put(cookie, { preferences: [{ kind: "review.created", mail: "yes" }] });
    expect(wrongType.body.errors.map((e: { path: string }) => e.path)).toEqual(["preferences.0.mail"]);
    const unchanged = (await get(cookie)).body.data.find((p: { kind: string }) => p.kind === "billing.invoice_issued");
    expect(unchanged.mail).toBe(true);
  });

  it("belongs to people: no session, or an API key, gets 401", async () => {
    const { partner } = await createPartnerWithMember(db());
    expect((await callRoute(prefsRoute.GET, { path })).status).toBe(401);
    const key = await createApiKey(db(), partner.id, { scopes: ["read:*", "write:*"] });
    expect((await callRoute(prefsRoute.GET, { path, bearer: key.key })).status).toBe(401);
    expect((await callRoute(prefsRoute.PUT, { path, method: "PUT", bearer: key.key, body: { preferences: [] } })).status).toBe(401);
  });
});
