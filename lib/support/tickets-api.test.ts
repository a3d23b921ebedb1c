import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, partners, supportTickets } from "@/db/schema";
import { addAccountMember, addPartnerMember, createAccountWithMember, createApiKey, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { createStaff, supportApi as api, type Caller } from "@/lib/testing/support-fixtures";
import { openApiDocument } from "@/lib/openapi/document";
import { useTestDb } from "@/lib/testing/test-db";
import { closeResolvedTickets } from "./close-resolved-tickets";

const db = useTestDb();

const H = 3_600_000;
const ticketBody = (over: Record<string, unknown> = {}) => ({ subject: "Deliveries to our endpoint fail", body: "Since **Monday** every delivery gets a 503.", ...over });

async function partnerRequester(role: "owner" | "developer" | "billing" = "owner") {
  const { partner, user } = await createPartnerWithMember(db(), { role });
  return { partner, user, c: { cookie: await sessionCookie(user.id) } };
}

async function customerRequester() {
  const { account, user } = await createAccountWithMember(db());
  return { account, user, c: { cookie: await sessionCookie(user.id) } };
}

async function opened(c: { cookie?: string; bearer?: string }, over: Record<string, unknown> = {}) {
  const res = await api.create(c, ticketBody(over));
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** The scheduler closes a resolved ticket 4 days after it was resolved (nobody can by hand): here it is as if those days had passed. */
async function closedByScheduler(id: string) {
  await db().update(supportTickets).set({ resolvedAt: new Date(Date.now() - 5 * 24 * H) }).where(eq(supportTickets.id, id));
  await closeResolvedTickets(db(), new Date());
}

const notesOf = (userId: string, kind: string) => db().select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

describe("opening a ticket", () => {
  it("a partner member opens one: numbered from 1001 up, open, first reply due by the priority, staff told", async () => {
    const staff = await createStaff(db());
    const { partner, user, c } = await partnerRequester();
    const before = Date.now();
    const a = await opened(c);
    const b = await opened(c, { priority: "urgent", category: "technical" });
    expect(a.number).toBeGreaterThanOrEqual(1001);
    expect(b.number).toBe(a.number + 1);
    expect(a).toMatchObject({ status: "open", priority: "normal", category: "other", links: [], slaBreached: false, slaPaused: false, commentCount: 0 });
    expect(a.requester).toEqual({ type: "partner", id: partner.id, name: partner.name, tier: "standard" });
    expect(a.openedBy).toEqual({ id: user.id, name: user.name });
    const created = Date.parse(a.createdAt);
    expect(created).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(a.firstReplyDueAt)).toBe(created + 24 * H);
    expect(a.nextReplyDueAt).toBe(a.firstReplyDueAt);
    expect(Date.parse(b.nextReplyDueAt) - Date.parse(b.createdAt)).toBe(1 * H);

    const [note] = await notesOf(staff.user.id, "support.ticket_created").then((ns) => ns.filter((n) => n.link === `/admin/tickets/${a.id}`));
    expect(note.title).toContain(`#${a.number}`);
  });

  it("enterprise partners get half the target", async () => {
    const { partner, c } = await partnerRequester();
    await db().update(partners).set({ tier: "enterprise" }).where(eq(partners.id, partner.id));
    const t = await opened(c, { priority: "high" });
    expect(t.requester.tier).toBe("enterprise");
    expect(Date.parse(t.firstReplyDueAt) - Date.parse(t.createdAt)).toBe(2 * H);
  });

  it("a customer opens one for their account; partners and other customers cannot see it", async () => {
    const staff = await createStaff(db());
    const { account, user, c } = await customerRequester();
    const t = await opened(c, { priority: "low" });
    expect(t.requester).toEqual({ type: "account", id: account.id, name: account.name, tier: null });
    expect(t.openedBy.id).toBe(user.id);
    expect(Date.parse(t.firstReplyDueAt) - Date.parse(t.createdAt)).toBe(72 * H);
    // A colleague in the same account sees it.
    const colleague = await addAccountMember(db(), account.id);
    expect((await api.get({ cookie: await sessionCookie(colleague.id) }, t.id)).status).toBe(200);
    expect((await api.get(staff, t.id)).status).toBe(200);
    for (const other of [(await customerRequester()).c, (await partnerRequester()).c]) {
      expect((await api.get(other, t.id)).status).toBe(404);
      expect((await api.list(other)).body.data.map((x: { id: string }) => x.id)).not.toContain(t.id);
    }
  });

  it("staff do not open tickets; users belonging to nothing cannot either", async () => {
    const staff = await createStaff(db());
    const res = await api.create(staff, ticketBody());
    expect(res.status).toBe(403);
    const loner = await createUser(db());
    expect((await api.create({ cookie: await sessionCookie(loner.id) }, ticketBody())).status).toBe(403);
  });

  it("a partner API key with write:support opens one with no opener; without the scope it is refused", async () => {
    const { partner, c } = await partnerRequester();
    const key = await createApiKey(db(), partner.id, { scopes: ["read:support", "write:support"] });
    const res = await api.create({ bearer: key.key }, ticketBody());
    expect(res.status, res.text).toBe(201);
    expect(res.body.openedBy).toBeNull();
    expect(res.body.requester.id).toBe(partner.id);
    // The partner's members see it.
    expect((await api.get(c, res.body.id)).status).toBe(200);
    const readOnly = await createApiKey(db(), partner.id, { scopes: ["read:support"] });
    const refused = await api.create({ bearer: readOnly.key }, ticketBody());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("INSUFFICIENT_SCOPE");
    expect((await api.get({ bearer: readOnly.key }, res.body.id)).status).toBe(200);
    const noScope = await createApiKey(db(), partner.id, { scopes: ["read:keys"] });
    expect((await api.list({ bearer: noScope.key })).status).toBe(403);
  });

  it("honours Idempotency-Key: the same request twice is one ticket; another body with the key is 409", async () => {
    const { partner, c } = await partnerRequester();
    const headers = { "idempotency-key": `open-${partner.id}` };
    const first = await api.create(c, ticketBody(), headers);
    const again = await api.create(c, ticketBody(), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db().select().from(supportTickets).where(eq(supportTickets.partnerId, partner.id))).toHaveLength(1);
    expect((await api.create(c, ticketBody({ subject: "Something else" }), headers)).status).toBe(409);
  });

  it("refuses bad input naming the field", async () => {
    const { c } = await partnerRequester();
    for (const [body, path] of [
      [ticketBody({ subject: "" }), "subject"],
      [ticketBody({ priority: "asap" }), "priority"],
      [ticketBody({ category: "sales" }), "category"],
      [ticketBody({ body: "nul \u0000 byte" }), "body"],
      [ticketBody({ links: [{ type: "user", id: "00000000-0000-4000-8000-000000000000" }] }), "links.0.type"],
    ] as const) {
      const res = await api.create(c, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});

describe("follow-ups", () => {
  it("a new ticket may follow up a closed ticket of the same organisation only", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const old = await opened(c);
    const notClosed = await api.create(c, ticketBody({ followUpOf: old.id }));
    expect(notClosed.status).toBe(422);
    expect(notClosed.body.errors[0].path).toBe("followUpOf");

    await api.patch(staff, old.id, { status: "resolved" });
    await closedByScheduler(old.id);
    const follow = await opened(c, { followUpOf: old.id });
    expect(follow.followUpOf).toEqual({ id: old.id, number: old.number });

    const stranger = await partnerRequester();
    const res = await api.create(stranger.c, ticketBody({ followUpOf: old.id }));
    expect(res.status).toBe(404);
    expect(res.body.errors[0].path).toBe("followUpOf");
  });
});

describe("status rules", () => {
  it("a requester may resolve their ticket and nothing else (403 naming the field)", async () => {
    const { partner, user, c } = await partnerRequester();
    const colleague = await addPartnerMember(db(), partner.id, "developer");
    const t = await opened(c);
    for (const [body, path] of [
      [{ priority: "urgent" }, "priority"],
      [{ category: "billing" }, "category"],
      [{ assigneeId: null }, "assigneeId"],
      [{ status: "pending" }, "status"],
      [{ status: "open" }, "status"],
    ] as const) {
      const res = await api.patch(c, t.id, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.errors[0].path).toBe(path);
    }
    const close = await api.patch(c, t.id, { status: "closed" });
    expect(close.status).toBe(409);
    expect(close.body).toMatchObject({ code: "INVALID_TRANSITION", errors: [{ path: "status" }] });
    const resolved = await api.patch(c, t.id, { status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: "resolved", nextReplyDueAt: null });
    expect(resolved.body.resolvedAt).not.toBeNull();
    // The rest of the organisation hears of it; the one who resolved it does not.
    expect(await notesOf(colleague.id, "support.ticket_resolved")).toHaveLength(1);
    expect(await notesOf(user.id, "support.ticket_resolved")).toHaveLength(0);
  });

  it("staff move open, pending and resolved freely; nobody closes by hand, not even a resolved ticket (409 naming from and to)", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const t = await opened(c);
    for (const from of ["open", "pending", "resolved"] as const) {
      if (from !== "open") expect((await api.patch(staff, t.id, { status: from })).status).toBe(200);
      const res = await api.patch(staff, t.id, { status: "closed" });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("INVALID_TRANSITION");
      expect(res.body.detail).toContain(`${from} ticket cannot become closed: closed happens 4 days after resolved`);
      expect(res.body.followUp).toBeUndefined();
      expect((await api.get(c, t.id)).body).toMatchObject({ status: from, closedAt: null });
    }
    expect((await api.patch(staff, t.id, { status: "open" })).body.status).toBe("open");
  });

  it("staff reopening a resolved ticket owes the requester a reply again, and clears the rating", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const t = await opened(c, { priority: "high" });
    await api.comment(staff, t.id, { body: "Done, please check.", status: "resolved" });
    expect((await api.rate(c, t.id, { rating: 2, comment: "Not really" })).status).toBe(200);
    const before = Date.now();
    const reopened = await api.patch(staff, t.id, { status: "open" });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: "open", resolvedAt: null, satisfaction: null, slaPaused: false });
    // High: the next reply is due 8 h after the reopening.
    const due = Date.parse(reopened.body.nextReplyDueAt);
    expect(due).toBeGreaterThanOrEqual(before + 8 * H);
    expect(due).toBeLessThanOrEqual(Date.now() + 8 * H);
  });

  it("a closed ticket never changes: PATCH, comments, notes and ratings are 409 TICKET_CLOSED pointing at followUpOf", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const t = await opened(c);
    await api.patch(staff, t.id, { status: "resolved" });
    await closedByScheduler(t.id);
    const attempts = [
      await api.patch(staff, t.id, { priority: "urgent" }),
      await api.patch(staff, t.id, { status: "open" }),
      await api.patch(staff, t.id, { assigneeId: staff.user.id }),
      await api.patch(c, t.id, { status: "resolved" }),
      await api.comment(c, t.id, { body: "Still broken" }),
      await api.comment(staff, t.id, { body: "Any news?" }),
      await api.comment(staff, t.id, { body: "note", internal: true }),
      await api.rate(c, t.id, { rating: 5 }),
    ];
    for (const res of attempts) {
      expect(res.status, res.text).toBe(409);
      expect(res.body.code).toBe("TICKET_CLOSED");
      expect(res.body.detail).toContain(`"followUpOf": "${t.id}"`);
      // The same, as data a client can act on without reading the prose.
      expect(res.body.followUp).toEqual({ method: "POST", href: "/api/v1/support/tickets", body: { followUpOf: t.id } });
      expect(res.body).toMatchObject({ type: "https://portico.dev/problems/ticket-closed", status: 409, title: "Ticket closed" });
    }
    expect((await api.get(c, t.id)).body.status).toBe("closed");
    // Following the instruction works.
    const { followUp } = attempts[4].body;
    expect(followUp.href).toBe("/api/v1/support/tickets");
    const next = await api.create(c, { ...ticketBody(), ...followUp.body });
    expect(next.status, next.text).toBe(201);
    expect(next.body.followUpOf).toEqual({ id: t.id, number: t.number });
  });

  it("the API description names the followUp member on every ticket route that can answer TICKET_CLOSED", () => {
    const doc = openApiDocument("http://localhost") as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    for (const [path, method] of [
      ["/support/tickets/{id}", "patch"],
      ["/support/tickets/{id}/comments", "post"],
      ["/support/tickets/{id}/satisfaction", "post"],
    ]) {
      expect(doc.paths[path][method].responses["409"].content["application/problem+json"].schema.$ref, `${method} ${path}`).toBe("#/components/schemas/TicketConflictProblem");
    }
    expect(doc.components.schemas.TicketConflictProblem.properties.followUp).toBeDefined();
  });

  it("a staff public reply leaves the ticket pending unless told otherwise; requesters cannot choose a status", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const t = await opened(c);
    const reply = await api.comment(staff, t.id, { body: "Could you send the endpoint's logs?" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ internal: false, author: { id: staff.user.id, staff: true } });
    expect((await api.get(c, t.id)).body).toMatchObject({ status: "pending", slaPaused: true, nextReplyDueAt: null, commentCount: 1 });

    expect((await api.comment(staff, t.id, { body: "Looking into it", status: "open" })).status).toBe(201);
    expect((await api.get(c, t.id)).body.status).toBe("open");
    expect((await api.comment(staff, t.id, { body: "Fixed on our side", status: "resolved" })).status).toBe(201);
    const resolved = (await api.get(c, t.id)).body;
    expect(resolved.status).toBe("resolved");

    // A word after the resolution leaves it resolved: it still closes on time, and can be rated.
    expect((await api.comment(staff, t.id, { body: "PS: the fix is also in the changelog." })).status).toBe(201);
    expect((await api.get(c, t.id)).body).toMatchObject({ status: "resolved", resolvedAt: resolved.resolvedAt, commentCount: 4 });
    expect((await api.rate(c, t.id, { rating: 5 })).status).toBe(200);
    // Told otherwise, it moves.
    expect((await api.comment(staff, t.id, { body: "Reopening to check one more thing", status: "pending" })).status).toBe(201);
    expect((await api.get(c, t.id)).body).toMatchObject({ status: "pending", resolvedAt: null, satisfaction: null });

    const refused = await api.comment(c, t.id, { body: "thanks", status: "resolved" });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].path).toBe("status");
    const note = await api.comment(c, t.id, { body: "secret", internal: true });
    expect(note.status).toBe(403);
    expect(note.body.errors[0].path).toBe("internal");
    const mixed = await api.comment(staff, t.id, { body: "note", internal: true, status: "pending" });
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors[0].path).toBe("status");
  });

  it("a requester comment reopens a pending or resolved ticket", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const t = await opened(c);
    await api.comment(staff, t.id, { body: "Please retry now." });
    expect((await api.get(c, t.id)).body.status).toBe("pending");
    expect((await api.comment(c, t.id, { body: "Still failing." })).status).toBe(201);
    expect((await api.get(c, t.id)).body.status).toBe("open");
    await api.patch(staff, t.id, { status: "resolved" });
    expect((await api.rate(c, t.id, { rating: 4 })).body.satisfaction.rating).toBe(4);
    await api.comment(c, t.id, { body: "It broke again." });
    const back = (await api.get(c, t.id)).body;
    // The rating was of the resolution that just fell through.
    expect(back).toMatchObject({ status: "open", resolvedAt: null, slaPaused: false, satisfaction: null });
    expect(back.nextReplyDueAt).not.toBeNull();
  });

  it("assigns to platform admins only (422 naming assigneeId), telling the new assignee", async () => {
    const staff = await createStaff(db());
    const colleague = await createStaff(db(), "Second Agent");
    const { user, c } = await partnerRequester();
    const t = await opened(c);
    for (const assigneeId of [user.id, "6f1c2f52-5b8e-4d55-9d52-0d1f6c4a3b10"]) {
      const res = await api.patch(staff, t.id, { assigneeId });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe("assigneeId");
    }
    const res = await api.patch(staff, t.id, { assigneeId: colleague.user.id, category: "technical" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignee: { id: colleague.user.id, name: "Second Agent" }, category: "technical" });
    const [note] = await notesOf(colleague.user.id, "support.ticket_assigned");
    expect(note.link).toBe(`/admin/tickets/${t.id}`);
    // A requester comment now goes to the assignee, not to every admin.
    await api.comment(c, t.id, { body: "Any update?" });
    expect(await notesOf(colleague.user.id, "support.ticket_comment")).toHaveLength(1);
    expect((await notesOf(staff.user.id, "support.ticket_comment")).filter((n) => n.link?.includes(t.id))).toHaveLength(0);
    expect((await api.patch(staff, t.id, { assigneeId: null })).body.assignee).toBeNull();
    // Taking a ticket yourself tells nobody.
    expect((await api.patch(staff, t.id, { assigneeId: staff.user.id })).body.assignee.id).toBe(staff.user.id);
    expect(await notesOf(staff.user.id, "support.ticket_assigned")).toHaveLength(0);
  });

  it("satisfaction: the requester rates a resolved ticket (and may change it); otherwise 409", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const t = await opened(c);
    const early = await api.rate(c, t.id, { rating: 4 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("INVALID_TRANSITION");
    await api.patch(staff, t.id, { status: "resolved" });
    expect((await api.rate(staff, t.id, { rating: 5 })).status).toBe(403);
    expect((await api.rate(c, t.id, { rating: 6 })).status).toBe(422);
    expect((await api.rate(c, t.id, { rating: 2, comment: "Slow" })).body.satisfaction).toMatchObject({ rating: 2, comment: "Slow" });
    const changed = await api.rate(c, t.id, { rating: 5 });
    expect(changed.status).toBe(200);
    expect(changed.body.satisfaction).toMatchObject({ rating: 5, comment: null });
  });
});

describe("tenancy", () => {
  it("another organisation's ticket is 404 for every route", async () => {
    const { c } = await partnerRequester();
    const t = await opened(c);
    const other = (await partnerRequester()).c;
    const customer = (await customerRequester()).c;
    for (const who of [other, customer]) {
      for (const res of [
        await api.get(who, t.id),
        await api.patch(who, t.id, { status: "resolved" }),
        await api.comments(who, t.id),
        await api.comment(who, t.id, { body: "hi" }),
        await api.rate(who, t.id, { rating: 5 }),
      ]) {
        expect(res.status, res.text).toBe(404);
      }
    }
  });
});

describe("listing", () => {
  it("filters for staff; requesters using staff-only filters get 403 naming them", async () => {
    const staff = await createStaff(db());
    const { partner, c } = await partnerRequester();
    await db().update(partners).set({ tier: "premium" }).where(eq(partners.id, partner.id));
    const a = await opened(c, { subject: "Invoice total looks wrong", priority: "high", category: "billing" });
    const b = await opened(c, { subject: "Webhook 503s", priority: "low", category: "technical" });
    await api.patch(staff, b.id, { assigneeId: staff.user.id, status: "pending" });
    const ids = async (q: string, who: Caller = staff) => {
      const res = await api.list(who, q);
      expect(res.status, res.text).toBe(200);
      return res.body.data.map((t: { id: string }) => t.id);
    };
    const scoped = `&partnerId=${partner.id}`;
    expect(await ids(`?limit=100${scoped}`)).toEqual([b.id, a.id]);
    expect(await ids(`?status=pending${scoped}`)).toEqual([b.id]);
    expect(await ids(`?status=open,pending${scoped}`)).toEqual([b.id, a.id]);
    expect(await ids(`?priority=high${scoped}`)).toEqual([a.id]);
    expect(await ids(`?category=technical${scoped}`)).toEqual([b.id]);
    expect(await ids(`?assignee=me${scoped}`)).toEqual([b.id]);
    expect(await ids(`?assignee=none${scoped}`)).toEqual([a.id]);
    expect(await ids(`?assignee=${staff.user.id}${scoped}`)).toEqual([b.id]);
    expect(await ids(`?tier=premium${scoped}`)).toEqual([b.id, a.id]);
    expect(await ids(`?tier=enterprise${scoped}`)).toEqual([]);
    expect(await ids(`?q=invoice${scoped}`)).toEqual([a.id]);
    expect(await ids(`?q=%23${b.number}`)).toEqual([b.id]);
    expect(await ids(`?q=${a.number}`)).toEqual([a.id]);
    expect(await ids("?q=100%25%20wrong")).toEqual([]);

    expect(await ids("?priority=high", c)).toEqual([a.id]);
    for (const f of [`assignee=me`, `tier=premium`, `partnerId=${partner.id}`]) {
      const res = await api.list(c, `?${f}`);
      expect(res.status).toBe(403);
      expect(res.body.errors[0].path).toBe(f.split("=")[0]);
    }
  });

  it("pages newest first with a cursor", async () => {
    const { c } = await partnerRequester();
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await opened(c, { subject: `Ticket number ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.list(c, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect((await api.list(c, "?cursor=nonsense")).status).toBe(400);
  });

  it("sort=sla is the staff queue: soonest due first (overdue at the head), tickets owing nothing last; it pages", async () => {
    const staff = await createStaff(db());
    const { partner, c } = await partnerRequester();
    const low = await opened(c, { priority: "low" });
    const urgent = await opened(c, { priority: "urgent" });
    const answered = await opened(c, { priority: "urgent" });
    await api.comment(staff, answered.id, { body: "Answered." }); // pending, paused: owes nothing
    const normal = await opened(c, { priority: "normal" });
    const overdue = await opened(c, { priority: "normal" });
    await db()
      .update(supportTickets)
      .set({ nextReplyDueAt: new Date(Date.now() - H), firstReplyDueAt: new Date(Date.now() - H) })
      .where(eq(supportTickets.id, overdue.id));
    const expected = [overdue.id, urgent.id, normal.id, low.id, answered.id];
    const all = await api.list(staff, `?sort=sla&partnerId=${partner.id}`);
    expect(all.body.data.map((t: { id: string }) => t.id)).toEqual(expected);
    expect(all.body.data[0].slaBreached).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.list(staff, `?sort=sla&limit=2&partnerId=${partner.id}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.data.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    // The two orders' cursors are not interchangeable.
    const createdCursor = (await api.list(staff, `?limit=1&partnerId=${partner.id}`)).body.nextCursor;
    expect((await api.list(staff, `?sort=sla&cursor=${createdCursor}`)).status).toBe(400);
  });
});

describe("stats", () => {
  it("requesters get their organisation's open and pending counts; staff get the queue's too", async () => {
    const staff = await createStaff(db());
    const { c } = await partnerRequester();
    const a = await opened(c);
    await opened(c);
    await api.comment(staff, a.id, { body: "Reply" });
    const mine = await api.stats(c);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ open: 1, pending: 1 });
    const all = await api.stats(staff);
    expect(Object.keys(all.body).sort()).toEqual(["breached", "dueWithinHour", "open", "pending", "unassigned"]);
    expect(all.body.open).toBeGreaterThanOrEqual(1);
    expect(all.body.unassigned).toBeGreaterThanOrEqual(2);
  });
});
