import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as partnersRoute from "@/app/api/v1/partners/route";
import * as partnerRoute from "@/app/api/v1/partners/[id]/route";
import * as activateRoute from "@/app/api/v1/partners/[id]/activate/route";
import * as suspendRoute from "@/app/api/v1/partners/[id]/suspend/route";
import * as statsRoute from "@/app/api/v1/partners/[id]/stats/route";
import * as contactsRoute from "@/app/api/v1/partners/[id]/contacts/route";
import * as contactRoute from "@/app/api/v1/partners/[id]/contacts/[contactId]/route";
import * as agreementsRoute from "@/app/api/v1/partners/[id]/agreements/route";
import * as acceptRoute from "@/app/api/v1/partners/[id]/agreements/[agreementId]/accept/route";
import type { Db } from "@/db";
import { partnerAgreements, partnerContacts, partnerMembers, partners } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import {
  addPartnerMember,
  createAgreement,
  createContact,
  createPartnerWithMember,
  createUser,
  sessionCookie,
} from "@/lib/testing/fixtures";
import { describeSecurity, expectProblem, type Denial } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();

/** Partner A with an owner, a contact and an unaccepted agreement. */
async function partnerTenant(d: Db, status: "pending" | "active" | "suspended" = "active") {
  const { partner, user: owner } = await createPartnerWithMember(d, { status });
  const contact = await createContact(d, partner.id, { kind: "technical", isPrimary: true });
  const agreement = await createAgreement(d, partner.id, { kind: "msa", version: "1" });
  return {
    tenant: { kind: "partner" as const, id: partner.id, name: partner.name, slug: partner.slug },
    partner,
    owner,
    contact,
    agreement,
  };
}
type Ctx = Awaited<ReturnType<typeof partnerTenant>>;

const base = (c: Ctx) => `/api/v1/partners/${c.partner.id}`;
const idParams = (c: Ctx) => ({ id: c.partner.id });
const contactSecrets = (c: Ctx) => [c.contact.email];

const readers = ["tenant:owner", "tenant:admin", "tenant:developer", "tenant:billing", "admin"] as const;
const writers = ["tenant:owner", "tenant:admin", "admin"] as const;
const noReadScope: Denial[] = [
  { actor: "customer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
];
const noWriteScope: Denial[] = [
  { actor: "tenant:developer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "tenant:billing", status: 403, code: "INSUFFICIENT_SCOPE" },
  ...noReadScope,
];
const notAdmin: Denial[] = [
  { actor: "tenant:admin", status: 403, code: "FORBIDDEN" },
  { actor: "tenant:developer", status: 403, code: "FORBIDDEN" },
  { actor: "customer", status: 403, code: "FORBIDDEN" },
];

const partnerRow = async (d: Db, c: Ctx) => (await d.select().from(partners).where(eq(partners.id, c.partner.id)))[0];
const contactCount = async (d: Db, c: Ctx) =>
  (await d.select({ n: count() }).from(partnerContacts).where(eq(partnerContacts.partnerId, c.partner.id)))[0].n;
const agreementRows = (d: Db, c: Ctx) =>
  d.select().from(partnerAgreements).where(eq(partnerAgreements.partnerId, c.partner.id)).orderBy(partnerAgreements.id);

describeSecurity(db, {
  name: "GET /partners",
  handler: partnersRoute.GET,
  method: "GET",
  setup: (d) => partnerTenant(d),
  path: () => "/api/v1/partners",
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:partners",
  denied: noReadScope,
});

describeSecurity(db, {
  name: "POST /partners",
  handler: partnersRoute.POST,
  method: "POST",
  setup: (d) => partnerTenant(d),
  path: () => "/api/v1/partners",
  body: () => ({ name: "Brand New Partner" }),
  okStatus: 201,
  allowed: ["admin", "user"],
  // A member of a partner cannot open a second one.
  denied: [{ actor: "tenant:owner", status: 409, code: "CONFLICT" }],
  state: async (d) => (await d.select({ n: count() }).from(partners))[0].n,
});

describeSecurity(db, {
  name: "GET /partners/{id}",
  handler: partnerRoute.GET,
  method: "GET",
  setup: (d) => partnerTenant(d),
  path: base,
  params: idParams,
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:partners",
  denied: noReadScope,
});

describeSecurity(db, {
  name: "PATCH /partners/{id}",
  handler: partnerRoute.PATCH,
  method: "PATCH",
  setup: (d) => partnerTenant(d),
  path: base,
  params: idParams,
  body: () => ({ description: "Rewritten by the test" }),
  okStatus: 200,
  allowed: [...writers],
  requiredScope: "write:partners",
  denied: noWriteScope,
  state: partnerRow,
});

describeSecurity(db, {
  name: "POST /partners/{id}/activate",
  handler: activateRoute.POST,
  method: "POST",
  setup: (d) => partnerTenant(d, "suspended"),
  path: (c) => `${base(c)}/activate`,
  params: idParams,
  body: () => ({}),
  okStatus: 200,
  adminOnly: true,
  denied: notAdmin,
  state: partnerRow,
});

describeSecurity(db, {
  name: "POST /partners/{id}/suspend",
  handler: suspendRoute.POST,
  method: "POST",
  setup: (d) => partnerTenant(d, "active"),
  path: (c) => `${base(c)}/suspend`,
  params: idParams,
  body: () => ({ reason: "Unpaid invoices" }),
  okStatus: 200,
  adminOnly: true,
  denied: notAdmin,
  state: partnerRow,
});

describeSecurity(db, {
  name: "GET /partners/{id}/stats",
  handler: statsRoute.GET,
  method: "GET",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/stats`,
  params: idParams,
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:partners",
  denied: noReadScope,
});

describeSecurity(db, {
  name: "GET /partners/{id}/contacts",
  handler: contactsRoute.GET,
  method: "GET",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/contacts`,
  params: idParams,
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:partners",
  denied: noReadScope,
  secrets: contactSecrets,
});

describeSecurity(db, {
  name: "POST /partners/{id}/contacts",
  handler: contactsRoute.POST,
  method: "POST",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/contacts`,
  params: idParams,
  body: () => ({ kind: "billing", name: "Bill Payer", email: "bill@example.test" }),
  okStatus: 201,
  allowed: [...writers],
  requiredScope: "write:partners",
  denied: noWriteScope,
  state: contactCount,
  secrets: contactSecrets,
});

describeSecurity(db, {
  name: "PATCH /partners/{id}/contacts/{contactId}",
  handler: contactRoute.PATCH,
  method: "PATCH",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/contacts/${c.contact.id}`,
  params: (c) => ({ id: c.partner.id, contactId: c.contact.id }),
  body: () => ({ name: "Renamed Contact" }),
  okStatus: 200,
  allowed: [...writers],
  requiredScope: "write:partners",
  denied: noWriteScope,
  state: (d, c) => d.select().from(partnerContacts).where(eq(partnerContacts.id, c.contact.id)),
  secrets: contactSecrets,
});

describeSecurity(db, {
  name: "DELETE /partners/{id}/contacts/{contactId}",
  handler: contactRoute.DELETE,
  method: "DELETE",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/contacts/${c.contact.id}`,
  params: (c) => ({ id: c.partner.id, contactId: c.contact.id }),
  okStatus: 204,
  allowed: [...writers],
  requiredScope: "write:partners",
  denied: noWriteScope,
  state: contactCount,
  secrets: contactSecrets,
});

describeSecurity(db, {
  name: "GET /partners/{id}/agreements",
  handler: agreementsRoute.GET,
  method: "GET",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/agreements`,
  params: idParams,
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:partners",
  denied: noReadScope,
});

describeSecurity(db, {
  name: "POST /partners/{id}/agreements",
  handler: agreementsRoute.POST,
  method: "POST",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/agreements`,
  params: idParams,
  body: () => ({ kind: "msa", version: "2", title: "MSA v2", body: "New terms." }),
  okStatus: 201,
  adminOnly: true,
  denied: notAdmin,
  state: agreementRows,
});

describeSecurity(db, {
  name: "POST /partners/{id}/agreements/{agreementId}/accept",
  handler: acceptRoute.POST,
  method: "POST",
  setup: (d) => partnerTenant(d),
  path: (c) => `${base(c)}/agreements/${c.agreement.id}/accept`,
  params: (c) => ({ id: c.partner.id, agreementId: c.agreement.id }),
  okStatus: 200,
  allowed: ["tenant:owner"],
  // A legal acceptance is the owner's act: not a partner admin's, nor a platform admin's.
  denied: [
    { actor: "tenant:admin", status: 403, code: "FORBIDDEN" },
    { actor: "tenant:developer", status: 403, code: "FORBIDDEN" },
    { actor: "tenant:billing", status: 403, code: "FORBIDDEN" },
    { actor: "admin", status: 403, code: "FORBIDDEN" },
    { actor: "customer", status: 404, code: "NOT_FOUND" },
    { actor: "user", status: 404, code: "NOT_FOUND" },
  ],
  state: agreementRows,
});

describe("partners: tenancy and role rules beyond the generated cases", () => {
  it("never lists another partner to a member", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const res = await callRoute(partnersRoute.GET, { path: "/api/v1/partners", cookie: await sessionCookie(a.user.id) });
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([a.partner.id]);
    expect(res.text).not.toContain(b.partner.name);
  });

  it("answers 404 for partner B's contact addressed under partner A's path, and leaves it alone", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const bContact = await createContact(db(), b.partner.id, { name: "Bea B-Contact" });
    const cookie = await sessionCookie(a.user.id);
    const admin = await sessionCookie((await createUser(db(), { admin: true })).id);
    for (const c of [cookie, admin]) {
      const patch = await callRoute(contactRoute.PATCH, {
        method: "PATCH",
        path: `/api/v1/partners/${a.partner.id}/contacts/${bContact.id}`,
        params: { id: a.partner.id, contactId: bContact.id },
        cookie: c,
        body: { name: "Hijacked" },
      });
      expectProblem(patch, 404, "NOT_FOUND");
      expect(patch.text).not.toContain("Bea B-Contact");
      const del = await callRoute(contactRoute.DELETE, {
        method: "DELETE",
        path: `/api/v1/partners/${a.partner.id}/contacts/${bContact.id}`,
        params: { id: a.partner.id, contactId: bContact.id },
        cookie: c,
      });
      expectProblem(del, 404, "NOT_FOUND");
    }
    const [row] = await db().select().from(partnerContacts).where(eq(partnerContacts.id, bContact.id));
    expect(row).toMatchObject({ name: "Bea B-Contact", partnerId: b.partner.id });
  });

  it("answers 404 for partner B's agreement accepted under partner A's path, and leaves it unaccepted", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const bAgreement = await createAgreement(db(), b.partner.id);
    const res = await callRoute(acceptRoute.POST, {
      path: `/api/v1/partners/${a.partner.id}/agreements/${bAgreement.id}/accept`,
      params: { id: a.partner.id, agreementId: bAgreement.id },
      cookie: await sessionCookie(a.user.id),
    });
    expectProblem(res, 404, "NOT_FOUND");
    const [row] = await db().select().from(partnerAgreements).where(eq(partnerAgreements.id, bAgreement.id));
    expect(row.acceptedAt).toBeNull();
  });

  it("refuses a cross-site POST carrying the session cookie and creates nothing", async () => {
    const a = await createPartnerWithMember(db());
    const cookie = await sessionCookie(a.user.id);
    for (const headers of [{ "sec-fetch-site": "cross-site" }, { origin: "https://attacker.example" }] as Record<string, string>[]) {
      const res = await callRoute(contactsRoute.POST, {
        path: `/api/v1/partners/${a.partner.id}/contacts`,
        params: { id: a.partner.id },
        cookie,
        headers,
        body: { kind: "business", name: "Planted", email: "planted@attacker.example" },
      });
      expectProblem(res, 403, "FORBIDDEN");
    }
    const rows = await db().select().from(partnerContacts).where(eq(partnerContacts.partnerId, a.partner.id));
    expect(rows).toEqual([]);
  });

  it("does not let a partner's owner or admin change their own tier", async () => {
    const a = await createPartnerWithMember(db(), { role: "owner" });
    const partnerAdmin = await addPartnerMember(db(), a.partner.id, "admin");
    for (const userId of [a.user.id, partnerAdmin.id]) {
      const res = await callRoute(partnerRoute.PATCH, {
        method: "PATCH",
        path: `/api/v1/partners/${a.partner.id}`,
        params: { id: a.partner.id },
        cookie: await sessionCookie(userId),
        body: { tier: "enterprise", description: "sneaky" },
      });
      expectProblem(res, 403, "FORBIDDEN");
    }
    const [row] = await db().select().from(partners).where(eq(partners.id, a.partner.id));
    expect(row.tier).toBe("standard");
    expect(row.description).not.toBe("sneaky");
  });

  it("does not let a user who creates their own partner pick its tier", async () => {
    const user = await createUser(db());
    const res = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await sessionCookie(user.id),
      body: { name: "Self Promoted", tier: "enterprise" },
    });
    expectProblem(res, 403, "FORBIDDEN");
    const rows = await db().select().from(partners).where(eq(partners.name, "Self Promoted"));
    expect(rows).toEqual([]);
  });

  it("lets only the owner accept an agreement: a developer gets 403 and it stays unaccepted", async () => {
    const a = await createPartnerWithMember(db(), { role: "owner" });
    const dev = await addPartnerMember(db(), a.partner.id, "developer");
    const agreement = await createAgreement(db(), a.partner.id);
    const call = (userId: string) =>
      sessionCookie(userId).then((cookie) =>
        callRoute(acceptRoute.POST, {
          path: `/api/v1/partners/${a.partner.id}/agreements/${agreement.id}/accept`,
          params: { id: a.partner.id, agreementId: agreement.id },
          cookie,
        }),
      );
    expectProblem(await call(dev.id), 403, "FORBIDDEN");
    const [still] = await db().select().from(partnerAgreements).where(eq(partnerAgreements.id, agreement.id));
    expect(still.acceptedAt).toBeNull();
    const ok = await call(a.user.id);
    expect(ok.status).toBe(200);
    expect(ok.body.acceptedBy).toBe(a.user.id);
  });

  it("does not let a platform admin accept an agreement on the partner's behalf", async () => {
    const a = await createPartnerWithMember(db());
    const agreement = await createAgreement(db(), a.partner.id);
    const admin = await createUser(db(), { admin: true });
    const res = await callRoute(acceptRoute.POST, {
      path: `/api/v1/partners/${a.partner.id}/agreements/${agreement.id}/accept`,
      params: { id: a.partner.id, agreementId: agreement.id },
      cookie: await sessionCookie(admin.id),
    });
    expectProblem(res, 403, "FORBIDDEN");
  });

  it("takes effect at once when a member is removed: their still-valid cookie sees nothing", async () => {
    const a = await createPartnerWithMember(db());
    const cookie = await sessionCookie(a.user.id);
    const ok = await callRoute(partnerRoute.GET, { path: `/api/v1/partners/${a.partner.id}`, params: { id: a.partner.id }, cookie });
    expect(ok.status).toBe(200);
    await db().delete(partnerMembers).where(and(eq(partnerMembers.partnerId, a.partner.id), eq(partnerMembers.userId, a.user.id)));
    const after = await callRoute(partnerRoute.GET, { path: `/api/v1/partners/${a.partner.id}`, params: { id: a.partner.id }, cookie });
    expect(after.status).toBe(403);
    expect(after.text).not.toContain(a.partner.name);
  });

  it("keeps Idempotency-Keys per caller: another user's identical key and body never replay their response", async () => {
    const admin = await createUser(db(), { admin: true });
    const user = await createUser(db());
    const key = "shared-key-1";
    const body = { name: "Keyed Partner" };
    const first = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await sessionCookie(admin.id),
      headers: { "idempotency-key": key },
      body,
    });
    expect(first.status).toBe(201);
    const second = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await sessionCookie(user.id),
      headers: { "idempotency-key": key },
      body,
    });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
  });
});
