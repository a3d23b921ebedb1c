import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as notificationsRoute from "@/app/api/v1/me/notifications/route";
import { mailMessages } from "@/db/schema";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { addPartnerMember, createApiKey, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { createStaff, partnerLinkTargets, supportApi as api, type Caller } from "@/lib/testing/support-fixtures";
import { useTestDb } from "@/lib/testing/test-db";

// Internal notes never reach the requester: every response a requester can fetch, and every
// mail addressed to a requester's people, is scanned for a marker written only in a note.

const db = useTestDb();

const MARKER = `INTERNAL-${randomUUID()}`;

type World = {
  staff: Caller & { user: { id: string } };
  requesters: Array<{ name: string; c: Caller; userId: string | null }>;
  requesterUserIds: string[];
  ticketId: string;
  before: { updatedAt: string; lastCommentAt: string | null; status: string; commentCount: number };
};
let w: World;

beforeAll(async () => {
  const staff = await createStaff(db());
  const { partner, user: owner } = await createPartnerWithMember(db());
  const developer = await addPartnerMember(db(), partner.id, "developer");
  const billing = await addPartnerMember(db(), partner.id, "billing");
  const key = await createApiKey(db(), partner.id, { scopes: ["read:*", "write:support"] });
  const targets = await partnerLinkTargets(db(), partner.id);
  const ownerC = { cookie: await sessionCookie(owner.id) };
  const created = await api.create(ownerC, {
    subject: "Dead deliveries since Monday",
    body: "See the linked delivery.",
    priority: "high",
    links: [
      { type: "delivery", id: targets.delivery },
      { type: "invoice", id: targets.invoice },
      { type: "integration", id: targets.integration },
    ],
  });
  expect(created.status, created.text).toBe(201);
  const ticketId = created.body.id;
  // A public exchange, then the note, then more public replies around it.
  expect((await api.comment(ownerC, ticketId, { body: "Any news?" })).status).toBe(201);
  const before = (await api.get(ownerC, ticketId)).body;
  const note = await api.comment(staff, ticketId, { body: `Partner is on the old TLS stack. ${MARKER}`, internal: true });
  expect(note.status, note.text).toBe(201);
  w = {
    staff,
    requesters: [
      { name: "owner", c: ownerC, userId: owner.id },
      { name: "developer", c: { cookie: await sessionCookie(developer.id) }, userId: developer.id },
      { name: "billing", c: { cookie: await sessionCookie(billing.id) }, userId: billing.id },
      { name: "api key", c: { bearer: key.key }, userId: null },
    ],
    requesterUserIds: [owner.id, developer.id, billing.id],
    ticketId,
    before: { updatedAt: before.updatedAt, lastCommentAt: before.lastCommentAt, status: before.status, commentCount: before.commentCount },
  };
});

/** Every page of a cursor-paged endpoint. */
async function allPages(fetch: (cursor: string | null) => Promise<CallResult>): Promise<CallResult[]> {
  const out: CallResult[] = [];
  let cursor: string | null = null;
  do {
    const res = await fetch(cursor);
    expect(res.status, res.text).toBe(200);
    out.push(res);
    cursor = res.body.nextCursor ?? null;
  } while (cursor && out.length < 50);
  return out;
}

async function everythingARequesterCanFetch(c: Caller): Promise<CallResult[]> {
  const id = w.ticketId;
  const qs = (cursor: string | null) => (cursor ? `&cursor=${encodeURIComponent(cursor)}` : "");
  const responses = [
    await api.get(c, id),
    await api.stats(c),
    await api.linkable(c),
    ...(await allPages((cur) => api.list(c, `?limit=1${qs(cur)}`))),
    ...(await allPages((cur) => api.list(c, `?sort=sla&limit=1${qs(cur)}`))),
    ...(await allPages((cur) => api.list(c, `?q=${encodeURIComponent(MARKER)}${qs(cur)}`))),
    ...(await allPages((cur) => api.comments(c, id, `?limit=1${qs(cur)}`))),
    ...(await allPages((cur) => api.comments(c, id, `?limit=100${qs(cur)}`))),
  ];
  for (const type of ["delivery", "invoice", "integration", "event"]) responses.push(await api.linkable(c, `?type=${type}`));
  if (c.cookie) {
    responses.push(...(await allPages((cur) => callRoute(notificationsRoute.GET, { path: `/api/v1/me/notifications?limit=100${qs(cur)}`, cookie: c.cookie }))));
  }
  return responses;
}

describe("internal notes", () => {
  it("are stored, and staff see them", async () => {
    const comments = await api.comments(w.staff, w.ticketId, "?limit=100");
    const notes = comments.body.data.filter((c: { internal: boolean }) => c.internal);
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain(MARKER);
    expect((await api.get(w.staff, w.ticketId)).body.commentCount).toBe(w.before.commentCount + 1);
  });

  it("never appear in anything a requester can fetch", async () => {
    // A later staff reply and status change, so the requester has notifications and a moving ticket to read.
    expect((await api.comment(w.staff, w.ticketId, { body: "We found the cause; a fix is rolling out." })).status).toBe(201);
    for (const r of w.requesters) {
      const responses = await everythingARequesterCanFetch(r.c);
      expect(responses.length).toBeGreaterThan(8);
      for (const res of responses) {
        expect(res.status, `${r.name}: ${res.text.slice(0, 200)}`).toBe(200);
        expect(res.text, `${r.name} saw the internal note`).not.toContain(MARKER);
        expect(res.text).not.toContain("old TLS stack");
      }
      const detail = responses[0].body;
      expect(detail.commentCount, r.name).toBe(w.before.commentCount + 1); // the later public reply, not the note
      const comments = (await api.comments(r.c, w.ticketId, "?limit=100")).body.data;
      expect(comments.every((c: { internal: boolean }) => !c.internal)).toBe(true);
    }
  });

  it("leave no trace a requester could notice: status, times, and no notice", async () => {
    const id = w.ticketId;
    const before = (await api.get(w.requesters[0].c, id)).body;
    const note = await api.comment(w.staff, id, { body: `Second note ${MARKER}`, internal: true });
    expect(note.status).toBe(201);
    const after = (await api.get(w.requesters[0].c, id)).body;
    expect(after).toEqual(before);
    const staffView = (await api.get(w.staff, id)).body;
    expect(staffView.commentCount).toBe(before.commentCount + 2);
  });

  it("are in no mail addressed to the requester's people", async () => {
    const rows = await db().select().from(mailMessages).where(inArray(mailMessages.toUserId, w.requesterUserIds));
    // They were mailed about the public replies (the scan has something to scan).
    expect(rows.filter((m) => m.kind === "support.ticket_reply").length).toBeGreaterThanOrEqual(w.requesterUserIds.length);
    for (const m of rows) {
      expect(`${m.subject}\n${m.textBody}\n${m.htmlBody}`).not.toContain(MARKER);
    }
    expect(rows.some((m) => m.textBody.includes("We found the cause"))).toBe(true);
  });
});
