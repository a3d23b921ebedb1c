import { describe, expect, it } from "vitest";
import * as partnersRoute from "@/app/api/v1/partners/route";
import * as partnerRoute from "@/app/api/v1/partners/[id]/route";
import * as suspendRoute from "@/app/api/v1/partners/[id]/suspend/route";
import * as meRoute from "@/app/api/v1/me/route";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();

describe("partners API (happy paths)", () => {
  it("lets an admin list partners and a member see only their own", async () => {
    const admin = await createUser(db(), { admin: true });
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const adminList = await callRoute(partnersRoute.GET, { path: "/api/v1/partners", cookie: await sessionCookie(admin.id) });
    expect(adminList.status).toBe(200);
    const ids = adminList.body.data.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([a.partner.id, b.partner.id]));

    const memberList = await callRoute(partnersRoute.GET, { path: "/api/v1/partners", cookie: await sessionCookie(a.user.id) });
    expect(memberList.body.data.map((p: { id: string }) => p.id)).toEqual([a.partner.id]);
  });

  it("reports the caller on /me", async () => {
    const a = await createPartnerWithMember(db(), { role: "developer" });
    const me = await callRoute(meRoute.GET, { path: "/api/v1/me", cookie: await sessionCookie(a.user.id) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ type: "session", partnerId: a.partner.id, userId: a.user.id, accountId: null });
    expect(me.body.scopes).toContain("write:keys");
  });

  it("returns 404 for another partner's id and 403 for a member calling an admin route", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const cookie = await sessionCookie(a.user.id);
    const other = await callRoute(partnerRoute.GET, { path: `/api/v1/partners/${b.partner.id}`, params: { id: b.partner.id }, cookie });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    const suspend = await callRoute(suspendRoute.POST, {
      path: `/api/v1/partners/${a.partner.id}/suspend`,
      params: { id: a.partner.id },
      cookie,
      body: { reason: "nope" },
    });
    expect(suspend.status).toBe(403);
  });

  it("answers 401 with WWW-Authenticate without a credential", async () => {
    const res = await callRoute(partnersRoute.GET, { path: "/api/v1/partners" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
  });
});
