import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { addPartnerMember, createAccountWithMember, createApiKey, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { accountIntegration, createStaff, partnerLinkTargets, supportApi as api, type Caller, type LinkTargets } from "@/lib/testing/support-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { ticketLinkTypes, type TicketLinkType } from "./schemas";

const db = useTestDb();

type Org = { id: string; c: Caller; targets: LinkTargets };
let mine: Org;
let theirs: Org;
let staff: Caller;

beforeAll(async () => {
  const make = async (): Promise<Org> => {
    const { partner, user } = await createPartnerWithMember(db());
    return { id: partner.id, c: { cookie: await sessionCookie(user.id) }, targets: await partnerLinkTargets(db(), partner.id) };
  };
  mine = await make();
  theirs = await make();
  staff = await createStaff(db());
});

const open = (c: Caller, links: Array<{ type: TicketLinkType; id: string }>) => api.create(c, { subject: "Please look at these", body: "Linked below.", links });

describe("links on a ticket", () => {
  it("attaches one of each of the requester's own objects, with live context for staff and requester", async () => {
    const links = ticketLinkTypes.map((type) => ({ type, id: mine.targets[type] }));
    const res = await open(mine.c, links);
    expect(res.status, res.text).toBe(201);
    expect(res.body.links.map((l: { type: string; id: string }) => [l.type, l.id])).toEqual(links.map((l) => [l.type, l.id]));
    const byType = Object.fromEntries(res.body.links.map((l: { type: string; context: unknown }) => [l.type, l.context]));

    expect(byType.delivery).toMatchObject({ status: "dead", tone: "error", href: "/webhooks" });
    expect(byType.delivery.details).toMatchObject({ Attempts: "2", "Last response": "503", "Last error": "HTTP 503 Service Unavailable", "Event type": "lead.created" });
    expect(byType.delivery.details.Endpoint).toMatch(/^https:\/\/hooks\.example\.com\//);
    expect(byType.invoice).toMatchObject({ status: "overdue", tone: "error", href: `/invoices/${mine.targets.invoice}` });
    expect(byType.invoice.details.Total).toBe("$1,234.56");
    expect(byType.integration).toMatchObject({ status: "degraded", tone: "warning", href: `/installs/${mine.targets.integration}` });
    expect(byType.integration.details["Failures in a row"]).toBe("3");
    expect(byType.application).toMatchObject({ status: "published", tone: "ok", href: `/apps/${mine.targets.application}` });
    expect(byType.key).toMatchObject({ status: "active", href: "/keys" });
    expect(byType.key.details.Prefix).toMatch(/^prt_live_.*…/);
    expect(byType.oauth_client.details["Client ID"]).toBeTruthy();
    expect(byType.webhook_endpoint).toMatchObject({ status: "enabled", tone: "warning" });
    expect(byType.webhook_endpoint.details["Failing since"]).toMatch(/UTC$/);
    expect(byType.event).toMatchObject({ label: "lead.created", href: null });
    expect(byType.payout).toMatchObject({ status: "failed", tone: "error", href: `/payouts/${mine.targets.payout}` });
    expect(byType.payout.details).toMatchObject({ Amount: "$80.00", "Failure reason": "Bank account closed" });

    // Staff read the same context; the object's live state shows on the next read.
    await db().update(webhookEndpoints).set({ status: "disabled", disabledReason: "Failing for 5 days" }).where(eq(webhookEndpoints.id, mine.targets.webhook_endpoint));
    const asStaff = (await api.get(staff, res.body.id)).body;
    const endpoint = asStaff.links.find((l: { type: string }) => l.type === "webhook_endpoint").context;
    expect(endpoint).toMatchObject({ status: "disabled", tone: "error", details: { "Disabled because": "Failing for 5 days" } });
    await db().update(webhookEndpoints).set({ status: "enabled", disabledReason: null }).where(eq(webhookEndpoints.id, mine.targets.webhook_endpoint));
  });

  it.each(ticketLinkTypes)("another partner's %s is 404 naming the link", async (type) => {
    const res = await open(mine.c, [
      { type: "application", id: mine.targets.application },
      { type, id: theirs.targets[type] },
    ]);
    expect(res.status, res.text).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    expect(res.body.errors).toEqual([{ path: "links.1", message: expect.any(String) }]);
  });

  it("an id of the wrong kind is not found either", async () => {
    const res = await open(mine.c, [{ type: "invoice", id: mine.targets.payout }]);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].path).toBe("links.0");
  });

  it("a member whose role cannot read a kind of object cannot attach or list it", async () => {
    const billing = { cookie: await sessionCookie((await addPartnerMember(db(), mine.id, "billing")).id) };
    const refused = await open(billing, [{ type: "key", id: mine.targets.key }]);
    expect(refused.status).toBe(404);
    expect((await open(billing, [{ type: "invoice", id: mine.targets.invoice }])).status).toBe(201);
    const listed = (await api.linkable(billing)).body.data.map((i: { type: string }) => i.type);
    expect(listed).toContain("invoice");
    expect(listed).not.toContain("key");
    expect(listed).not.toContain("delivery");
  });

  it("a colleague whose role or credential cannot read a kind sees no context for it on the ticket; staff see it all", async () => {
    const types = ["key", "webhook_endpoint", "delivery", "invoice"] as const;
    const t = await open(
      mine.c,
      types.map((type) => ({ type, id: mine.targets[type] })),
    );
    expect(t.status, t.text).toBe(201);
    const contexts = (ticket: { links: Array<{ type: string; context: unknown }> }) => Object.fromEntries(ticket.links.map((l) => [l.type, l.context]));
    const shown = (ticket: { links: Array<{ type: string; context: unknown }> }) =>
      Object.entries(contexts(ticket))
        .filter(([, c]) => c !== null)
        .map(([type]) => type);
    expect(shown(t.body)).toEqual([...types]);

    // A billing member reads invoices, not keys or webhooks: no key prefix, endpoint URL or delivery error through a colleague's ticket.
    const billing = { cookie: await sessionCookie((await addPartnerMember(db(), mine.id, "billing")).id) };
    const asBilling = await api.get(billing, t.body.id);
    expect(asBilling.status).toBe(200);
    expect(asBilling.body.links.map((l: { type: string; id: string }) => [l.type, l.id])).toEqual(types.map((type) => [type, mine.targets[type]]));
    expect(shown(asBilling.body)).toEqual(["invoice"]);
    expect(asBilling.text).not.toContain("prt_live_");
    expect(asBilling.text).not.toContain("hooks.example.com");
    expect(asBilling.text).not.toContain("Service Unavailable");
    const listed = (await api.list(billing, "?limit=100")).body.data.find((x: { id: string }) => x.id === t.body.id);
    expect(shown(listed)).toEqual(["invoice"]);
    // Every answer that carries the ticket follows the same rule.
    const resolved = await api.patch(billing, t.body.id, { status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(shown(resolved.body)).toEqual(["invoice"]);

    // Credentials: by their scopes.
    const supportOnly = await createApiKey(db(), mine.id, { scopes: ["read:support"] });
    expect(shown((await api.get({ bearer: supportOnly.key }, t.body.id)).body)).toEqual([]);
    const webhooks = await createApiKey(db(), mine.id, { scopes: ["read:support", "read:webhooks"] });
    expect(shown((await api.get({ bearer: webhooks.key }, t.body.id)).body)).toEqual(["webhook_endpoint", "delivery"]);

    // Staff and the owner still see all of it.
    expect(shown((await api.get(staff, t.body.id)).body)).toEqual([...types]);
    expect(shown((await api.get(mine.c, t.body.id)).body)).toEqual([...types]);
  });

  it("customers link their account's integrations only; partner objects are 404 for them", async () => {
    const { account, user } = await createAccountWithMember(db());
    const c = { cookie: await sessionCookie(user.id) };
    const own = await accountIntegration(db(), account.id);
    const ok = await open(c, [{ type: "integration", id: own }]);
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.links[0].context).toMatchObject({ status: "active", href: `/installed/${own}` });
    for (const type of ticketLinkTypes) {
      const res = await open(c, [{ type, id: mine.targets[type] }]);
      expect(res.status, `${type}: ${res.text}`).toBe(404);
      expect(res.body.errors[0].path).toBe("links.0");
    }
    expect((await api.linkable(c)).body.data.map((i: { type: string; id: string }) => [i.type, i.id])).toEqual([["integration", own]]);
  });

  it("a staff list shows each ticket its own organisation's context", async () => {
    const a = await open(mine.c, [{ type: "delivery", id: mine.targets.delivery }]);
    const b = await open(theirs.c, [{ type: "delivery", id: theirs.targets.delivery }]);
    const list = (await api.list(staff, "?limit=100")).body.data;
    for (const [t, org] of [
      [a.body, mine],
      [b.body, theirs],
    ] as const) {
      const shown = list.find((x: { id: string }) => x.id === t.id);
      expect(shown.links[0].context.details.Endpoint).toBe(t.links[0].context.details.Endpoint);
      const [endpoint] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, org.targets.webhook_endpoint));
      expect(shown.links[0].context.details.Endpoint).toBe(endpoint.url);
    }
  });

  it("context is null once the object is gone", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const targets = await partnerLinkTargets(db(), partner.id);
    const c = { cookie: await sessionCookie(user.id) };
    const t = await open(c, [
      { type: "delivery", id: targets.delivery },
      { type: "webhook_endpoint", id: targets.webhook_endpoint },
    ]);
    await db().delete(webhookEndpoints).where(eq(webhookEndpoints.id, targets.webhook_endpoint));
    const after = (await api.get(c, t.body.id)).body;
    expect(after.links.map((l: { context: unknown }) => l.context)).toEqual([null, null]);
  });
});

describe("GET /support/linkable", () => {
  it("lists the requester's own objects, by kind and label, newest first, at most 50", async () => {
    const all = await api.linkable(mine.c);
    expect(all.status).toBe(200);
    const types = new Set(all.body.data.map((i: { type: string }) => i.type));
    expect(types).toEqual(new Set(ticketLinkTypes));
    const ids = all.body.data.map((i: { id: string }) => i.id);
    for (const type of ticketLinkTypes) {
      expect(ids).toContain(mine.targets[type]);
      expect(ids).not.toContain(theirs.targets[type]);
    }
    const deliveries = await api.linkable(mine.c, "?type=delivery");
    expect(deliveries.body.data).toEqual([{ type: "delivery", id: mine.targets.delivery, label: expect.stringContaining("lead.created → https://hooks.example.com/"), description: expect.stringContaining("dead") }]);
    const [invoice] = (await api.linkable(mine.c, "?type=invoice")).body.data;
    expect((await api.linkable(mine.c, `?type=invoice&q=${encodeURIComponent(invoice.label.slice(4, 10))}`)).body.data.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
    expect((await api.linkable(mine.c, "?type=invoice&q=nothing-like-this")).body.data).toEqual([]);
    expect((await api.linkable(mine.c, "?type=invoice&q=%25")).body.data).toEqual([]);
    const bad = await api.linkable(mine.c, "?type=user");
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("type");
  });

  it("events: those addressed to the partner or delivered to its endpoints, in the picker and when attached", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const c = { cookie: await sessionCookie(user.id) };
    const targets = await partnerLinkTargets(db(), partner.id);
    // Addressed to nobody, delivered to this partner's endpoint; and one neither addressed nor delivered to it.
    const [delivered, elsewhere] = await db()
      .insert(events)
      .values([
        { type: "policy.bound", data: {}, createdBy: "system" },
        { type: "policy.bound", data: {}, createdBy: "system" },
      ])
      .returning();
    await db().insert(webhookDeliveries).values({ eventId: delivered.id, endpointId: targets.webhook_endpoint, partnerId: partner.id, eventType: delivered.type });
    const listed = (await api.linkable(c, "?type=event")).body.data.map((i: { id: string }) => i.id);
    expect(new Set(listed)).toEqual(new Set([targets.event, delivered.id]));
    expect((await api.linkable(c, "?type=event&q=policy")).body.data.map((i: { id: string }) => i.id)).toEqual([delivered.id]);
    const ok = await open(c, [{ type: "event", id: delivered.id }]);
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.links[0].context).toMatchObject({ label: "policy.bound" });
    expect((await open(c, [{ type: "event", id: elsewhere.id }])).status).toBe(404);
    // Deliveries are the partner's by their own partner, the endpoint's.
    expect((await api.linkable(c, "?type=delivery")).body.data.map((i: { id: string }) => i.id).sort()).toEqual(
      (await db().select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.partnerId, partner.id))).map((d) => d.id).sort(),
    );
  });

  it("caps the list at 50", async () => {
    for (let i = 0; i < 6; i++) await partnerLinkTargets(db(), mine.id);
    const res = await api.linkable(mine.c);
    expect(res.body.data).toHaveLength(50);
    const times = res.body.data.map((i: { id: string }) => i.id);
    expect(new Set(times).size).toBe(50);
  });

  it("is for requesters: staff get 403", async () => {
    expect((await api.linkable(staff)).status).toBe(403);
  });
});
