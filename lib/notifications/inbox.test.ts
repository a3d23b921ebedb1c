import { describe, expect, it } from "vitest";
import * as inboxRoute from "@/app/api/v1/me/notifications/route";
import * as readRoute from "@/app/api/v1/me/notifications/read/route";
import * as rejectRoute from "@/app/api/v1/applications/[id]/reject/route";
import { adminCookie, createApp, partnerOwner, step } from "@/lib/testing/application-fixtures";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();
const inbox = (cookie: string, q = "") => callRoute(inboxRoute.GET, { path: `/api/v1/me/notifications${q}`, cookie });

describe("in-app notifications", () => {
  it("brings a review decision to every member of the partner, and only to them; read marks stick", async () => {
    const owner = await partnerOwner(db());
    const stranger = await partnerOwner(db());
    const admin = await adminCookie(db());
    const id = (await createApp(owner.cookie)).body.id;
    await step("submit", id, owner.cookie);
    await callRoute(rejectRoute.POST, { path: `/api/v1/applications/${id}/reject`, params: { id }, cookie: admin, body: { reason: "The privacy policy does not mention claims data." } });

    const got = await inbox(owner.cookie);
    expect(got.status, got.text).toBe(200);
    expect(got.body.unread).toBe(1);
    expect(got.body.data[0]).toMatchObject({ kind: "application.rejected", readAt: null, link: `/apps/${id}` });
    expect(got.body.data[0].body).toContain("privacy policy does not mention claims data");
    expect((await inbox(stranger.cookie)).body).toMatchObject({ data: [], unread: 0 });

    // Another user's ids are not this user's to mark.
    const foreign = await callRoute(readRoute.POST, { path: "/api/v1/me/notifications/read", cookie: stranger.cookie, body: { ids: [got.body.data[0].id] } });
    expect(foreign.body.marked).toBe(0);
    expect((await inbox(owner.cookie)).body.unread).toBe(1);

    const marked = await callRoute(readRoute.POST, { path: "/api/v1/me/notifications/read", cookie: owner.cookie, body: {} });
    expect(marked.body.marked).toBe(1);
    const after = await inbox(owner.cookie);
    expect(after.body.unread).toBe(0);
    expect(after.body.data[0].readAt).not.toBeNull();
    expect((await inbox(owner.cookie, "?unread=true")).body.data).toEqual([]);
  });

  it("belongs to people: an API key gets 401, not another inbox", async () => {
    const owner = await partnerOwner(db());
    const key = await createApiKey(db(), owner.partner.id, { scopes: ["read:*"] });
    const res = await callRoute(inboxRoute.GET, { path: "/api/v1/me/notifications", bearer: key.key });
    expect(res.status).toBe(401);
  });
});
