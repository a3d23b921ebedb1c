import { randomBytes } from "node:crypto";
import { peerHeaderName } from "@/lib/http/peer-address";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as partnersRoute from "@/app/api/v1/partners/route";
import * as partnerRoute from "@/app/api/v1/partners/[id]/route";
import * as activateRoute from "@/app/api/v1/partners/[id]/activate/route";
import * as suspendRoute from "@/app/api/v1/partners/[id]/suspend/route";
import * as statsRoute from "@/app/api/v1/partners/[id]/stats/route";
import * as activityRoute from "@/app/api/v1/partners/[id]/activity/route";
import * as contactsRoute from "@/app/api/v1/partners/[id]/contacts/route";
import * as contactRoute from "@/app/api/v1/partners/[id]/contacts/[contactId]/route";
import * as agreementsRoute from "@/app/api/v1/partners/[id]/agreements/route";
import * as acceptRoute from "@/app/api/v1/partners/[id]/agreements/[agreementId]/accept/route";
import * as meRoute from "@/app/api/v1/me/route";
import { auditLog, notifications, partnerAgreements, partnerContacts, partnerMembers, partners } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import {
  addPartnerMember,
  createAgreement,
  createContact,
  createPartner,
  createPartnerWithMember,
  createUser,
  sessionCookie,
} from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();

const token = () => randomBytes(4).toString("hex");
const adminSession = async () => {
  const admin = await createUser(db(), { admin: true });
  return { admin, cookie: await sessionCookie(admin.id) };
};
const auditFor = (targetId: string) =>
  db().select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(asc(auditLog.createdAt));

describe("partner lifecycle", () => {
  it("goes pending → active → suspended (with reason, notifications, audit) → active again", async () => {
    const { admin, cookie } = await adminSession();
    const created = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie,
      body: { name: "Lifecycle Labs", type: "carrier", website: "https://lifecycle.example", country: "de" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Lifecycle Labs",
      slug: "lifecycle-labs",
      type: "carrier",
      status: "pending",
      tier: "standard",
      country: "DE",
      statusReason: null,
    });
    const id: string = created.body.id;
    const owner = await addPartnerMember(db(), id, "owner");
    const dev = await addPartnerMember(db(), id, "developer");

    const path = (action: string) => `/api/v1/partners/${id}/${action}`;
    const activated = await callRoute(activateRoute.POST, { path: path("activate"), params: { id }, cookie, body: {} });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ id, status: "active", statusReason: null });
    expect(Date.parse(activated.body.statusChangedAt)).toBeGreaterThan(Date.now() - 60_000);

    const suspended = await callRoute(suspendRoute.POST, {
      path: path("suspend"),
      params: { id },
      cookie,
      body: { reason: "  Invoices 90 days overdue  " },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: "suspended", statusReason: "Invoices 90 days overdue" });

    // The owner sees the suspension and its reason on their own partner.
    const seen = await callRoute(partnerRoute.GET, { path: `/api/v1/partners/${id}`, params: { id }, cookie: await sessionCookie(owner.id) });
    expect(seen.body).toMatchObject({ status: "suspended", statusReason: "Invoices 90 days overdue" });

    const [row] = await db().select().from(partners).where(eq(partners.id, id));
    expect(row.statusChangedBy).toBe(admin.id);

    const notes = await db().select().from(notifications).where(and(eq(notifications.partnerId, id), eq(notifications.kind, "partner.suspended")));
    expect(notes.map((n) => n.userId).sort()).toEqual([owner.id, dev.id].sort());
    for (const n of notes) {
      expect(n.body).toBe("Invoices 90 days overdue");
      expect(n.title).toContain("Lifecycle Labs");
      expect(n.readAt).toBeNull();
    }

    const reactivated = await callRoute(activateRoute.POST, { path: path("activate"), params: { id }, cookie, body: {} });
    expect(reactivated.status).toBe(200);
    expect(reactivated.body).toMatchObject({ status: "active", statusReason: null });

    const audit = await auditFor(id);
    // Rows may share a millisecond, so compare as a multiset.
    expect(audit.map((a) => a.action).sort()).toEqual(["partner.active", "partner.active", "partner.created", "partner.suspended"]);
    const suspendAudit = audit.find((a) => a.action === "partner.suspended")!;
    expect(suspendAudit).toMatchObject({ actorType: "session", actorId: admin.id, partnerId: id, details: { reason: "Invoices 90 days overdue" } });
    expect(suspendAudit.requestId).toBe(suspended.headers.get("x-request-id"));
  });

  it("lets a signed-in user without a partner create one and become its pending owner", async () => {
    const user = await createUser(db());
    const cookie = await sessionCookie(user.id);
    const res = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie,
      body: { name: "Solo Founder Co", description: "We build rating engines." },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Solo Founder Co", status: "pending", tier: "standard", description: "We build rating engines." });

    const [membership] = await db().select().from(partnerMembers).where(eq(partnerMembers.userId, user.id));
    expect(membership).toMatchObject({ partnerId: res.body.id, role: "owner" });

    const me = await callRoute(meRoute.GET, { path: "/api/v1/me", cookie });
    expect(me.body).toMatchObject({ type: "session", partnerId: res.body.id, userId: user.id });
    const own = await callRoute(partnerRoute.GET, { path: `/api/v1/partners/${res.body.id}`, params: { id: res.body.id }, cookie });
    expect(own.status).toBe(200);
    expect(own.body.status).toBe("pending");

    const [audit] = await auditFor(res.body.id);
    expect(audit).toMatchObject({ action: "partner.created", actorType: "session", actorId: user.id });
  });

  it("lets the owner edit the profile and shows the change to the next reader", async () => {
    const a = await createPartnerWithMember(db());
    const cookie = await sessionCookie(a.user.id);
    const before = a.partner.updatedAt.getTime();
    const res = await callRoute(partnerRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/partners/${a.partner.id}`,
      params: { id: a.partner.id },
      cookie,
      body: { name: "  Renamed Partner  ", website: "https://renamed.example", description: "New pitch", country: "fr", type: "agency" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: a.partner.id,
      name: "Renamed Partner",
      website: "https://renamed.example",
      description: "New pitch",
      country: "FR",
      type: "agency",
      slug: a.partner.slug,
      status: a.partner.status,
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(before);

    const cleared = await callRoute(partnerRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/partners/${a.partner.id}`,
      params: { id: a.partner.id },
      cookie,
      body: { website: null },
    });
    expect(cleared.body).toMatchObject({ website: null, name: "Renamed Partner" });

    const read = await callRoute(partnerRoute.GET, { path: `/api/v1/partners/${a.partner.id}`, params: { id: a.partner.id }, cookie });
    expect(read.body).toMatchObject({ name: "Renamed Partner", website: null, country: "FR" });

    const audit = await auditFor(a.partner.id);
    expect(audit.map((x) => x.action)).toEqual(["partner.updated", "partner.updated"]);
    expect(audit.map((x) => x.details)).toEqual(
      expect.arrayContaining([
        { fields: expect.arrayContaining(["name", "website", "description", "country", "type"]) },
        { fields: ["website"] },
      ]),
    );
  });

  it("lets a platform admin change a partner's tier", async () => {
    const a = await createPartnerWithMember(db());
    const { cookie } = await adminSession();
    const res = await callRoute(partnerRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/partners/${a.partner.id}`,
      params: { id: a.partner.id },
      cookie,
      body: { tier: "premium" },
    });
    expect(res.status).toBe(200);
    expect(res.body.tier).toBe("premium");
  });
});

describe("listing partners", () => {
  it("searches by name or slug with q and filters by status", async () => {
    const t = token();
    const alpha = await createPartner(db(), { name: `Zephyr ${t} Alpha`, status: "active" });
    const beta = await createPartner(db(), { name: `Zephyr ${t} Beta`, status: "pending" });
    const bySlug = await createPartner(db(), { name: "Unrelated Name", slug: `zephyr-${t}-slug`, status: "active" });
    const other = await createPartner(db(), { name: `Other ${t} Gamma`, status: "active" });
    const { cookie } = await adminSession();
    const list = async (qs: string) => {
      const res = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?${qs}`, cookie });
      expect(res.status, res.text).toBe(200);
      return res.body.data.map((p: { id: string }) => p.id).sort();
    };
    expect(await list(`q=zephyr+${t}`)).toEqual([alpha.id, beta.id].sort());
    expect(await list(`q=ZEPHYR-${t}`)).toEqual([bySlug.id]);
    expect(await list(`q=${t}`)).toEqual([alpha.id, beta.id, bySlug.id, other.id].sort());
    expect(await list(`q=${t}&status=active`)).toEqual([alpha.id, bySlug.id, other.id].sort());
    expect(await list(`q=${t}&status=pending`)).toEqual([beta.id]);
    expect(await list(`q=${t}&status=suspended`)).toEqual([]);
  });

  it("treats % and _ in q literally", async () => {
    const t = token();
    const literal = await createPartner(db(), { name: `Rate ${t} 100% Co` });
    await createPartner(db(), { name: `Rate ${t} 1000 Co` });
    const { cookie } = await adminSession();
    const res = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?q=${encodeURIComponent(`${t} 100%`)}`, cookie });
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([literal.id]);
    const underscore = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?q=${encodeURIComponent(`${t}_100`)}`, cookie });
    expect(underscore.body.data).toEqual([]);
  });

  it("walks every page with a cursor: no duplicates, no gaps, newest first, even when created in the same instant", async () => {
    const t = token();
    // One statement: all 25 rows share created_at, so the order rests on the id tie-breaker.
    const rows = await db()
      .insert(partners)
      .values(Array.from({ length: 25 }, (_, i) => ({ name: `Paged ${t} ${i}`, slug: `paged-${t}-${i}`, status: "active" as const })))
      .returning({ id: partners.id, createdAt: partners.createdAt });
    expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBe(1);
    const { cookie } = await adminSession();

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `q=${t}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?${qs}`, cookie });
      expect(res.status, res.text).toBe(200);
      pages.push(res.body.data.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
      expect(pages.length).toBeLessThanOrEqual(3);
    } while (cursor);

    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(25);
    expect([...all].sort()).toEqual(rows.map((r) => r.id).sort());
    // Same instant → ordered by id, descending.
    expect(all).toEqual([...all].sort().reverse());
  });

  it("pages across different creation times newest first, and a page that ends exactly at the last row has no next cursor", async () => {
    const t = token();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [row] = await db()
        .insert(partners)
        .values({ name: `Timed ${t} ${i}`, slug: `timed-${t}-${i}`, createdAt: new Date(Date.UTC(2024, 0, 1 + i)) })
        .returning({ id: partners.id });
      ids.push(row.id);
    }
    const { cookie } = await adminSession();
    const first = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?q=${t}&limit=2`, cookie });
    expect(first.body.data.map((p: { id: string }) => p.id)).toEqual([ids[3], ids[2]]);
    const second = await callRoute(partnersRoute.GET, {
      path: `/api/v1/partners?q=${t}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      cookie,
    });
    expect(second.body.data.map((p: { id: string }) => p.id)).toEqual([ids[1], ids[0]]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("returns 20 by default", async () => {
    const t = token();
    await db()
      .insert(partners)
      .values(Array.from({ length: 21 }, (_, i) => ({ name: `Default ${t} ${i}`, slug: `default-${t}-${i}` })));
    const { cookie } = await adminSession();
    const res = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?q=${t}`, cookie });
    expect(res.body.data).toHaveLength(20);
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });
});

describe("partner stats", () => {
  it("counts contacts and pending agreements, and zero for what the partner has none of", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    await createContact(db(), a.partner.id, { kind: "business" });
    await createContact(db(), a.partner.id, { kind: "technical" });
    await createContact(db(), b.partner.id); // another partner's: not counted
    await createAgreement(db(), a.partner.id, { version: "1", acceptedBy: a.user.id });
    await createAgreement(db(), a.partner.id, { version: "2" });
    await createAgreement(db(), a.partner.id, { kind: "dpa", version: "1" });
    const res = await callRoute(statsRoute.GET, {
      path: `/api/v1/partners/${a.partner.id}/stats`,
      params: { id: a.partner.id },
      cookie: await sessionCookie(a.user.id),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      applications: 0,
      apiKeys: 0,
      webhookEndpoints: 0,
      installations: 0,
      openTickets: 0,
      contacts: 2,
      technicalContacts: 1,
      billingContacts: 0,
      agreementsIssued: 3,
      pendingAgreements: 2,
    });
  });
});

describe("partner activity", () => {
  it("lists the partner's audit log newest first with actors named, paginated, and nobody else's", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const cookie = await sessionCookie(a.user.id);
    for (const name of ["First", "Second", "Third"]) {
      const res = await callRoute(contactsRoute.POST, {
        path: `/api/v1/partners/${a.partner.id}/contacts`,
        params: { id: a.partner.id },
        cookie,
        body: { kind: "technical", name, email: `${name.toLowerCase()}@example.test` },
      });
      expect(res.status, res.text).toBe(201);
    }
    const at = (id: string, qs = "") => ({ path: `/api/v1/partners/${id}/activity${qs}`, params: { id } });
    const page1 = await callRoute(activityRoute.GET, { ...at(a.partner.id, "?limit=2"), cookie });
    expect(page1.status, page1.text).toBe(200);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.data[0]).toMatchObject({ targetType: "partners", actor: { type: "session", name: expect.any(String) } });
    expect(page1.body.data[0].actor.name).not.toMatch(/^[0-9a-f-]{36}$/);
    const page2 = await callRoute(activityRoute.GET, { ...at(a.partner.id, `?limit=2&cursor=${page1.body.nextCursor}`), cookie });
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const other = await callRoute(activityRoute.GET, { ...at(b.partner.id), cookie });
    expect(other.status).toBe(404);
  });
});

describe("partner contacts", () => {
  it("creates, lists, updates and deletes contacts, keeping one primary per kind", async () => {
    const a = await createPartnerWithMember(db());
    const cookie = await sessionCookie(a.user.id);
    const base = `/api/v1/partners/${a.partner.id}/contacts`;
    const params = { id: a.partner.id };
    const create = (body: object) => callRoute(contactsRoute.POST, { path: base, params, cookie, body });
    const patch = (id: string, body: object) =>
      callRoute(contactRoute.PATCH, { method: "PATCH", path: `${base}/${id}`, params: { ...params, contactId: id }, cookie, body });
    const list = async () => {
      const res = await callRoute(contactsRoute.GET, { path: base, params, cookie });
      expect(res.status).toBe(200);
      return res.body.data as Array<{ id: string; kind: string; isPrimary: boolean; name: string }>;
    };
    const primaries = async () =>
      Object.fromEntries((await list()).filter((c) => c.isPrimary).map((c) => [c.kind, c.id])) as Record<string, string>;

    const tech1 = await create({ kind: "technical", name: "Tess Tech", email: "tess@example.test", phone: "+1 (555) 010-2000", isPrimary: true });
    expect(tech1.status).toBe(201);
    expect(tech1.body).toMatchObject({ partnerId: a.partner.id, kind: "technical", isPrimary: true, phone: "+1 (555) 010-2000", title: null });
    const billing = await create({ kind: "billing", name: "Bill Ing", email: "bill@example.test", isPrimary: true });
    const tech2 = await create({ kind: "technical", name: "Ted Tech", email: "ted@example.test", isPrimary: true });
    expect(tech2.status).toBe(201);
    // The new technical primary demoted the old one; billing's primary is untouched.
    expect(await primaries()).toEqual({ technical: tech2.body.id, billing: billing.body.id });
    const plain = await create({ kind: "technical", name: "Non Primary", email: "np@example.test" });
    expect(plain.body.isPrimary).toBe(false);
    expect(await primaries()).toEqual({ technical: tech2.body.id, billing: billing.body.id });

    // Promoting through PATCH demotes too.
    const promoted = await patch(tech1.body.id, { isPrimary: true, title: "CTO" });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ isPrimary: true, title: "CTO", name: "Tess Tech" });
    expect(await primaries()).toEqual({ technical: tech1.body.id, billing: billing.body.id });

    // Moving a primary to another kind takes over that kind's primary.
    const moved = await patch(tech1.body.id, { kind: "billing" });
    expect(moved.body).toMatchObject({ kind: "billing", isPrimary: true });
    expect(await primaries()).toEqual({ billing: tech1.body.id });

    const renamed = await patch(plain.body.id, { name: "Now Named", phone: null });
    expect(renamed.body).toMatchObject({ name: "Now Named", phone: null, isPrimary: false });

    const del = await callRoute(contactRoute.DELETE, {
      method: "DELETE",
      path: `${base}/${plain.body.id}`,
      params: { ...params, contactId: plain.body.id },
      cookie,
    });
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await list()).map((c) => c.id).sort()).toEqual([tech1.body.id, billing.body.id, tech2.body.id].sort());
    const again = await callRoute(contactRoute.DELETE, {
      method: "DELETE",
      path: `${base}/${plain.body.id}`,
      params: { ...params, contactId: plain.body.id },
      cookie,
    });
    expect(again.status).toBe(404);

    const actions = (await db().select().from(auditLog).where(eq(auditLog.partnerId, a.partner.id))).map((r) => r.action);
    expect(actions.filter((x) => x === "contact.created")).toHaveLength(4);
    expect(actions.filter((x) => x === "contact.updated")).toHaveLength(3);
    expect(actions.filter((x) => x === "contact.deleted")).toHaveLength(1);
  });

  it("pages contacts with a cursor", async () => {
    const a = await createPartnerWithMember(db());
    for (let i = 0; i < 3; i++) await createContact(db(), a.partner.id);
    const cookie = await sessionCookie(a.user.id);
    const base = `/api/v1/partners/${a.partner.id}/contacts`;
    const first = await callRoute(contactsRoute.GET, { path: `${base}?limit=2`, params: { id: a.partner.id }, cookie });
    expect(first.body.data).toHaveLength(2);
    const second = await callRoute(contactsRoute.GET, {
      path: `${base}?limit=2&cursor=${first.body.nextCursor}`,
      params: { id: a.partner.id },
      cookie,
    });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe("partner agreements", () => {
  it("is issued by an admin, listed to the partner, and accepted by the owner", async () => {
    const a = await createPartnerWithMember(db());
    const { admin, cookie: adminCookie } = await adminSession();
    const ownerCookie = await sessionCookie(a.user.id);
    const base = `/api/v1/partners/${a.partner.id}/agreements`;
    const params = { id: a.partner.id };

    const issued = await callRoute(agreementsRoute.POST, {
      path: base,
      params,
      cookie: adminCookie,
      body: { kind: "msa", version: "2025-06", title: "Master services agreement", body: "Terms and conditions." },
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ partnerId: a.partner.id, kind: "msa", version: "2025-06", acceptedBy: null, acceptedAt: null });
    const [issuedRow] = await db().select().from(partnerAgreements).where(eq(partnerAgreements.id, issued.body.id));
    expect(issuedRow.issuedBy).toBe(admin.id);

    const listed = await callRoute(agreementsRoute.GET, { path: base, params, cookie: ownerCookie });
    expect(listed.body.data).toEqual([expect.objectContaining({ id: issued.body.id, acceptedAt: null })]);

    const accepted = await callRoute(acceptRoute.POST, {
      path: `${base}/${issued.body.id}/accept`,
      params: { ...params, agreementId: issued.body.id },
      cookie: ownerCookie,
      // The address the HTTP server hook stamps from the socket (X-Forwarded-For is believed only with TRUST_PROXY).
      headers: { [peerHeaderName()]: "203.0.113.7", "x-forwarded-for": "6.6.6.6" },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: issued.body.id, acceptedBy: a.user.id });
    expect(Math.abs(Date.parse(accepted.body.acceptedAt) - Date.now())).toBeLessThan(60_000);

    const [row] = await db().select().from(partnerAgreements).where(eq(partnerAgreements.id, issued.body.id));
    expect(row).toMatchObject({ acceptedBy: a.user.id, acceptedIp: "203.0.113.7" });

    const relisted = await callRoute(agreementsRoute.GET, { path: base, params, cookie: ownerCookie });
    expect(relisted.body.data[0]).toMatchObject({ acceptedBy: a.user.id, acceptedAt: accepted.body.acceptedAt });

    const stats = await callRoute(statsRoute.GET, { path: `/api/v1/partners/${a.partner.id}/stats`, params, cookie: ownerCookie });
    expect(stats.body.pendingAgreements).toBe(0);

    const audit = await auditFor(issued.body.id);
    expect(audit.map((x) => x.action).sort()).toEqual(["agreement.accepted", "agreement.issued"]);
    expect(audit.find((x) => x.action === "agreement.accepted")).toMatchObject({ actorId: a.user.id, ip: "203.0.113.7", requestId: accepted.headers.get("x-request-id") });
  });

  it("keeps versions apart: a new version of the same kind is a new agreement", async () => {
    const a = await createPartner(db());
    const { cookie } = await adminSession();
    for (const version of ["1", "2"]) {
      const res = await callRoute(agreementsRoute.POST, {
        path: `/api/v1/partners/${a.id}/agreements`,
        params: { id: a.id },
        cookie,
        body: { kind: "msa", version, title: `MSA v${version}`, body: "Terms." },
      });
      expect(res.status).toBe(201);
    }
    const list = await callRoute(agreementsRoute.GET, { path: `/api/v1/partners/${a.id}/agreements`, params: { id: a.id }, cookie });
    expect(list.body.data.map((x: { version: string }) => x.version).sort()).toEqual(["1", "2"]);
  });
});

describe("Idempotency-Key", () => {
  it("replays the stored response for the same key and body, creating one row", async () => {
    const { cookie } = await adminSession();
    const name = `Idempotent ${token()}`;
    const post = () =>
      callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, headers: { "idempotency-key": `k-${name}` }, body: { name } });
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const second = await post();
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("content-type")).toContain("application/json");
    expect(second.body).toEqual(first.body);
    expect(await db().select().from(partners).where(eq(partners.name, name))).toHaveLength(1);
    expect((await auditFor(first.body.id)).map((x) => x.action)).toEqual(["partner.created"]);
  });

  it("answers the same key with another body with 409 IDEMPOTENCY_KEY_REUSED and creates nothing more", async () => {
    const a = await createPartnerWithMember(db());
    const cookie = await sessionCookie(a.user.id);
    const post = (name: string) =>
      callRoute(contactsRoute.POST, {
        path: `/api/v1/partners/${a.partner.id}/contacts`,
        params: { id: a.partner.id },
        cookie,
        headers: { "idempotency-key": "contact-key" },
        body: { kind: "business", name, email: "same@example.test" },
      });
    expect((await post("First Name")).status).toBe(201);
    const reused = await post("Second Name");
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const rows = await db().select().from(partnerContacts).where(eq(partnerContacts.partnerId, a.partner.id));
    expect(rows.map((r) => r.name)).toEqual(["First Name"]);
  });

  it("creates one row when the same key arrives twice at once", async () => {
    const { cookie } = await adminSession();
    const name = `Concurrent ${token()}`;
    const post = () =>
      callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, headers: { "idempotency-key": `c-${name}` }, body: { name } });
    const results = await Promise.all([post(), post()]);
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(results.some((r) => r.status === 201)).toBe(true);
    expect(await db().select().from(partners).where(eq(partners.name, name))).toHaveLength(1);
  });

  it("does not store a refused request: after a 422, the same key with a fixed body goes through", async () => {
    const { cookie } = await adminSession();
    const headers = { "idempotency-key": `fix-${token()}` };
    const bad = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, headers, body: { name: "" } });
    expect(bad.status).toBe(422);
    const good = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, headers, body: { name: "Fixed Body" } });
    expect(good.status).toBe(201);
  });
});

describe("audit log", () => {
  it("records each mutation with actor, target and the request id, and nothing for a refused one", async () => {
    const a = await createPartnerWithMember(db());
    const dev = await addPartnerMember(db(), a.partner.id, "developer");
    const res = await callRoute(contactsRoute.POST, {
      path: `/api/v1/partners/${a.partner.id}/contacts`,
      params: { id: a.partner.id },
      cookie: await sessionCookie(a.user.id),
      headers: { [peerHeaderName()]: "198.51.100.4" },
      body: { kind: "business", name: "Audited", email: "audited@example.test" },
    });
    expect(res.status).toBe(201);
    const refused = await callRoute(partnerRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/partners/${a.partner.id}`,
      params: { id: a.partner.id },
      cookie: await sessionCookie(dev.id),
      body: { name: "Not Allowed" },
    });
    expect(refused.status).toBe(403);
    const rows = await db().select().from(auditLog).where(eq(auditLog.partnerId, a.partner.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "contact.created",
      actorType: "session",
      actorId: a.user.id,
      targetId: res.body.id,
      ip: "198.51.100.4",
      requestId: res.headers.get("x-request-id"),
      details: { fields: expect.arrayContaining(["kind", "name", "email"]) },
    });
  });

  it("names the contact, not its partner, as the target of contact edits and deletions", async () => {
    const a = await createPartnerWithMember(db());
    const contact = await createContact(db(), a.partner.id);
    const cookie = await sessionCookie(a.user.id);
    const path = `/api/v1/partners/${a.partner.id}/contacts/${contact.id}`;
    const params = { id: a.partner.id, contactId: contact.id };
    const patched = await callRoute(contactRoute.PATCH, { method: "PATCH", path, params, cookie, body: { title: "VP" } });
    expect(patched.status).toBe(200);
    const deleted = await callRoute(contactRoute.DELETE, { method: "DELETE", path, params, cookie });
    expect(deleted.status).toBe(204);
    const rows = await auditFor(contact.id);
    expect(rows.map((r) => [r.action, r.requestId])).toEqual(
      expect.arrayContaining([
        ["contact.updated", patched.headers.get("x-request-id")],
        ["contact.deleted", deleted.headers.get("x-request-id")],
      ]),
    );
    expect(rows).toHaveLength(2);
  });
});
