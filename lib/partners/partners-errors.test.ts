import { count, eq } from "drizzle-orm";
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
import * as catchAll from "@/app/api/v1/[...rest]/route";
import { partnerAgreements, partnerContacts, partners } from "@/db/schema";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { createAgreement, createPartner, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { expectProblem } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();

const adminCookie = async () => sessionCookie((await createUser(db(), { admin: true })).id);
const paths = (res: CallResult) => (res.body.errors ?? []).map((e: { path: string }) => e.path);
const partnerCount = async () => (await db().select({ n: count() }).from(partners))[0].n;

describe("partners API: malformed requests", () => {
  it("answers malformed JSON with 400 MALFORMED_JSON and creates nothing", async () => {
    const before = await partnerCount();
    const res = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await adminCookie(),
      rawBody: '{"name": "Half',
    });
    expectProblem(res, 400, "MALFORMED_JSON");
    expect(await partnerCount()).toBe(before);
  });

  it("answers wrong types with 422 naming each field", async () => {
    const res = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await adminCookie(),
      body: { name: 123, type: "spaceship", website: "ftp://files.example" },
    });
    expectProblem(res, 422, "VALIDATION_FAILED");
    expect(paths(res)).toEqual(expect.arrayContaining(["name", "type", "website"]));
    for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));
  });

  it("names nested and missing fields on contacts", async () => {
    const a = await createPartnerWithMember(db());
    const res = await callRoute(contactsRoute.POST, {
      path: `/api/v1/partners/${a.partner.id}/contacts`,
      params: { id: a.partner.id },
      cookie: await sessionCookie(a.user.id),
      body: { kind: "technical", email: "not-an-email", phone: "call me maybe" },
    });
    expectProblem(res, 422, "VALIDATION_FAILED");
    expect(paths(res)).toEqual(expect.arrayContaining(["name", "email", "phone"]));
  });

  it("rejects unknown fields (schemas are strict) with 422 naming the field", async () => {
    const a = await createPartnerWithMember(db());
    const res = await callRoute(partnerRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/partners/${a.partner.id}`,
      params: { id: a.partner.id },
      cookie: await sessionCookie(a.user.id),
      body: { description: "ok", status: "active" },
    });
    expectProblem(res, 422, "VALIDATION_FAILED");
    expect(paths(res)).toContain("status");
    const [row] = await db().select().from(partners).where(eq(partners.id, a.partner.id));
    expect(row.description).toBe("");
  });

  it("rejects a JSON body that is not an object with 422", async () => {
    const res = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie: await adminCookie(), rawBody: "[1,2,3]" });
    expectProblem(res, 422, "VALIDATION_FAILED");
  });

  it("answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE, streamed or declared, never 500", async () => {
    const cookie = await adminCookie();
    const big = JSON.stringify({ name: "Big", description: "x".repeat(1024 * 1024 + 10) });
    const streamed = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, rawBody: big });
    expectProblem(streamed, 413, "PAYLOAD_TOO_LARGE");
    const declared = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie,
      rawBody: '{"name":"Small"}',
      headers: { "content-length": String(5 * 1024 * 1024) },
    });
    expectProblem(declared, 413, "PAYLOAD_TOO_LARGE");
    // Routes without a body schema still refuse to buffer it.
    const a = await createPartnerWithMember(db());
    const agreement = await createAgreement(db(), a.partner.id);
    const accept = await callRoute(acceptRoute.POST, {
      path: `/api/v1/partners/${a.partner.id}/agreements/${agreement.id}/accept`,
      params: { id: a.partner.id, agreementId: agreement.id },
      cookie: await sessionCookie(a.user.id),
      rawBody: big,
    });
    expectProblem(accept, 413, "PAYLOAD_TOO_LARGE");
    const [row] = await db().select().from(partnerAgreements).where(eq(partnerAgreements.id, agreement.id));
    expect(row.acceptedAt).toBeNull();
  });

  it("accepts a body just under 1 MB (the limit is not lower than stated)", async () => {
    const res = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await adminCookie(),
      rawBody: JSON.stringify({ name: "Padded" }) + " ".repeat(1024 * 1024 - 100),
    });
    expect(res.status, res.text).toBe(201);
  });

  it("answers a non-JSON content-type with 415", async () => {
    const cookie = await adminCookie();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
      const res = await callRoute(partnersRoute.POST, {
        path: "/api/v1/partners",
        cookie,
        rawBody: '{"name":"Typed"}',
        headers: { "content-type": type },
      });
      expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    const vendor = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie,
      rawBody: '{"name":"Vendor Typed"}',
      headers: { "content-type": "application/vnd.api+json; charset=utf-8" },
    });
    expect(vendor.status).toBe(201);
  });
});

describe("partners API: query parameters", () => {
  it("answers a garbage cursor with 400 naming `cursor`", async () => {
    const cookie = await adminCookie();
    const a = await createPartner(db());
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const cursors = [
      "garbage",
      "!!!",
      forged({ t: "yesterday", id: "6f1c2c1e-4b7a-4c1e-9a55-0d2f8f0b9a11" }),
      forged({ t: new Date().toISOString(), id: "not-a-uuid" }),
      forged({ t: new Date().toISOString(), id: "-".repeat(36) }),
      forged({ t: new Date().toISOString() }),
      forged({ t: "+275760-09-13T00:00:00.000Z", id: "6f1c2c1e-4b7a-4c1e-9a55-0d2f8f0b9a11" }),
      forged({ t: "-271821-04-20T00:00:00.000Z", id: "6f1c2c1e-4b7a-4c1e-9a55-0d2f8f0b9a11" }),
      forged({ t: "0000-01-01T00:00:00.000Z", id: "6f1c2c1e-4b7a-4c1e-9a55-0d2f8f0b9a11" }),
      forged({ t: "2024-02-30T00:00:00.000Z", id: "6f1c2c1e-4b7a-4c1e-9a55-0d2f8f0b9a11" }),
      forged(null),
      forged("string"),
    ];
    for (const cursor of cursors) {
      for (const [handler, path, params] of [
        [partnersRoute.GET, "/api/v1/partners", {}],
        [contactsRoute.GET, `/api/v1/partners/${a.id}/contacts`, { id: a.id }],
        [agreementsRoute.GET, `/api/v1/partners/${a.id}/agreements`, { id: a.id }],
      ] as const) {
        const res = await callRoute(handler, { path: `${path}?cursor=${encodeURIComponent(cursor)}`, params, cookie });
        expectProblem(res, 400, "INVALID_REQUEST");
        expect(paths(res), `cursor ${cursor}`).toEqual(["cursor"]);
      }
    }
  });

  it("answers limit=0, limit=101 and non-numbers with 422 naming `limit`", async () => {
    const cookie = await adminCookie();
    for (const limit of ["0", "101", "-1", "abc", "2.5"]) {
      const res = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?limit=${limit}`, cookie });
      expectProblem(res, 422, "VALIDATION_FAILED");
      expect(paths(res), `limit=${limit}`).toEqual(["limit"]);
    }
    for (const limit of ["1", "100"]) {
      const ok = await callRoute(partnersRoute.GET, { path: `/api/v1/partners?limit=${limit}`, cookie });
      expect(ok.status).toBe(200);
    }
  });

  it("answers an unknown status filter with 422 naming `status`", async () => {
    const res = await callRoute(partnersRoute.GET, { path: "/api/v1/partners?status=deleted", cookie: await adminCookie() });
    expectProblem(res, 422, "VALIDATION_FAILED");
    expect(paths(res)).toEqual(["status"]);
  });
});

describe("partners API: ids in paths", () => {
  it("answers a malformed uuid in the path with 404 on every route, never 500", async () => {
    const cookie = await adminCookie();
    const a = await createPartner(db());
    const bad = "not-a-uuid";
    const cases: Array<[Parameters<typeof callRoute>[0], string, Record<string, string>, string, unknown?]> = [
      [partnerRoute.GET, `/api/v1/partners/${bad}`, { id: bad }, "GET"],
      [partnerRoute.PATCH, `/api/v1/partners/${bad}`, { id: bad }, "PATCH", { description: "x" }],
      [activateRoute.POST, `/api/v1/partners/${bad}/activate`, { id: bad }, "POST", {}],
      [suspendRoute.POST, `/api/v1/partners/${bad}/suspend`, { id: bad }, "POST", { reason: "because" }],
      [statsRoute.GET, `/api/v1/partners/${bad}/stats`, { id: bad }, "GET"],
      [contactsRoute.GET, `/api/v1/partners/${bad}/contacts`, { id: bad }, "GET"],
      [contactsRoute.POST, `/api/v1/partners/${bad}/contacts`, { id: bad }, "POST", { kind: "business", name: "N", email: "n@example.test" }],
      [agreementsRoute.GET, `/api/v1/partners/${bad}/agreements`, { id: bad }, "GET"],
      [agreementsRoute.POST, `/api/v1/partners/${bad}/agreements`, { id: bad }, "POST", { kind: "msa", version: "1", title: "T", body: "B" }],
      [contactRoute.PATCH, `/api/v1/partners/${a.id}/contacts/${bad}`, { id: a.id, contactId: bad }, "PATCH", { name: "x" }],
      [contactRoute.DELETE, `/api/v1/partners/${a.id}/contacts/${bad}`, { id: a.id, contactId: bad }, "DELETE"],
      [contactRoute.PATCH, `/api/v1/partners/${bad}/contacts/${bad}`, { id: bad, contactId: bad }, "PATCH", { name: "x" }],
    ];
    for (const [handler, path, params, method, body] of cases) {
      const res = await callRoute(handler, { path, params, method, cookie, ...(body !== undefined ? { body } : {}) });
      expectProblem(res, 404, "NOT_FOUND");
    }
    const owner = await createPartnerWithMember(db());
    const accept = await callRoute(acceptRoute.POST, {
      path: `/api/v1/partners/${owner.partner.id}/agreements/${bad}/accept`,
      params: { id: owner.partner.id, agreementId: bad },
      cookie: await sessionCookie(owner.user.id),
    });
    expectProblem(accept, 404, "NOT_FOUND");
  });

  it("answers a well-formed id that does not exist with 404", async () => {
    const cookie = await adminCookie();
    const missing = "00000000-0000-4000-8000-000000000000";
    expectProblem(await callRoute(partnerRoute.GET, { path: `/api/v1/partners/${missing}`, params: { id: missing }, cookie }), 404, "NOT_FOUND");
    expectProblem(
      await callRoute(activateRoute.POST, { path: `/api/v1/partners/${missing}/activate`, params: { id: missing }, cookie, body: {} }),
      404,
      "NOT_FOUND",
    );
    const a = await createPartner(db());
    expectProblem(
      await callRoute(contactRoute.DELETE, {
        method: "DELETE",
        path: `/api/v1/partners/${a.id}/contacts/${missing}`,
        params: { id: a.id, contactId: missing },
        cookie,
      }),
      404,
      "NOT_FOUND",
    );
  });

  it("answers an unknown API path with problem+json 404", async () => {
    const res = await callRoute(async (req) => catchAll.GET(req), { path: "/api/v1/partnerz" });
    expectProblem(res, 404, "NOT_FOUND");
  });
});

describe("partners API: state conflicts", () => {
  it("answers a duplicate slug with 409 naming `slug`", async () => {
    const cookie = await adminCookie();
    const first = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, body: { name: "Dupe One", slug: "dupe-co" } });
    expect(first.status).toBe(201);
    const again = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, body: { name: "Dupe Two", slug: "Dupe-Co" } });
    expectProblem(again, 409, "CONFLICT");
    expect(paths(again)).toEqual(["slug"]);
    expect((await db().select().from(partners).where(eq(partners.name, "Dupe Two"))).length).toBe(0);
  });

  it("gives a derived slug a suffix instead of failing when the name's slug is taken", async () => {
    const cookie = await adminCookie();
    const one = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, body: { name: "Same Name Inc" } });
    const two = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, body: { name: "Same Name Inc" } });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.body.slug).toBe("same-name-inc");
    expect(two.body.slug).toBe("same-name-inc-2");
  });

  it("answers a suspension without a reason with 422 naming `reason`", async () => {
    const cookie = await adminCookie();
    const a = await createPartner(db(), { status: "active" });
    for (const body of [undefined, {}, { reason: "  " }]) {
      const res = await callRoute(suspendRoute.POST, {
        path: `/api/v1/partners/${a.id}/suspend`,
        params: { id: a.id },
        cookie,
        method: "POST",
        ...(body !== undefined ? { body } : {}),
      });
      expectProblem(res, 422, "VALIDATION_FAILED");
      expect(paths(res)).toEqual(["reason"]);
    }
    const [row] = await db().select().from(partners).where(eq(partners.id, a.id));
    expect(row.status).toBe("active");
  });

  it("answers activating an already active partner with 409", async () => {
    const a = await createPartner(db(), { status: "active" });
    const res = await callRoute(activateRoute.POST, {
      path: `/api/v1/partners/${a.id}/activate`,
      params: { id: a.id },
      cookie: await adminCookie(),
      body: {},
    });
    expectProblem(res, 409, "CONFLICT");
    const [row] = await db().select().from(partners).where(eq(partners.id, a.id));
    expect(row.statusChangedAt).toBeNull();
  });

  it("answers suspending an already suspended partner with 409", async () => {
    const a = await createPartner(db(), { status: "suspended" });
    const res = await callRoute(suspendRoute.POST, {
      path: `/api/v1/partners/${a.id}/suspend`,
      params: { id: a.id },
      cookie: await adminCookie(),
      body: { reason: "Still unpaid" },
    });
    expectProblem(res, 409, "CONFLICT");
  });

  it("answers accepting an agreement twice with 409 and keeps the first acceptance", async () => {
    const a = await createPartnerWithMember(db());
    const agreement = await createAgreement(db(), a.partner.id);
    const cookie = await sessionCookie(a.user.id);
    const accept = () =>
      callRoute(acceptRoute.POST, {
        path: `/api/v1/partners/${a.partner.id}/agreements/${agreement.id}/accept`,
        params: { id: a.partner.id, agreementId: agreement.id },
        cookie,
      });
    const first = await accept();
    expect(first.status).toBe(200);
    const second = await accept();
    expectProblem(second, 409, "CONFLICT");
    const [row] = await db().select().from(partnerAgreements).where(eq(partnerAgreements.id, agreement.id));
    expect(row.acceptedAt?.toISOString()).toBe(first.body.acceptedAt);
  });

  it("answers issuing the same agreement version twice with 409 naming `version`", async () => {
    const a = await createPartner(db());
    const cookie = await adminCookie();
    const issue = () =>
      callRoute(agreementsRoute.POST, {
        path: `/api/v1/partners/${a.id}/agreements`,
        params: { id: a.id },
        cookie,
        body: { kind: "dpa", version: "2025-01", title: "DPA", body: "Data terms" },
      });
    expect((await issue()).status).toBe(201);
    const again = await issue();
    expectProblem(again, 409, "CONFLICT");
    expect(paths(again)).toEqual(["version"]);
    expect((await db().select().from(partnerAgreements).where(eq(partnerAgreements.partnerId, a.id))).length).toBe(1);
  });

  it("answers a partner member creating a second partner with 409", async () => {
    const a = await createPartnerWithMember(db());
    const res = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await sessionCookie(a.user.id),
      body: { name: "Second Venture" },
    });
    expectProblem(res, 409, "CONFLICT");
  });
});

describe("partners API: idempotency errors", () => {
  it("answers the same Idempotency-Key with a different body with 409 IDEMPOTENCY_KEY_REUSED", async () => {
    const cookie = await adminCookie();
    const post = (name: string) =>
      callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, headers: { "idempotency-key": "key-reuse-1" }, body: { name } });
    expect((await post("Idem First")).status).toBe(201);
    const reused = await post("Idem Second");
    expectProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
    expect(paths(reused)).toEqual(["Idempotency-Key"]);
    expect((await db().select().from(partners).where(eq(partners.name, "Idem Second"))).length).toBe(0);
  });

  it("answers the same Idempotency-Key on another path with 409 IDEMPOTENCY_KEY_REUSED", async () => {
    const a = await createPartner(db());
    const cookie = await adminCookie();
    const headers = { "idempotency-key": "key-reuse-2" };
    const contact = { kind: "business", name: "Same", email: "same@example.test" };
    const first = await callRoute(contactsRoute.POST, { path: `/api/v1/partners/${a.id}/contacts`, params: { id: a.id }, cookie, headers, body: contact });
    expect(first.status).toBe(201);
    const b = await createPartner(db());
    const other = await callRoute(contactsRoute.POST, { path: `/api/v1/partners/${b.id}/contacts`, params: { id: b.id }, cookie, headers, body: contact });
    expectProblem(other, 409, "IDEMPOTENCY_KEY_REUSED");
    expect((await db().select().from(partnerContacts).where(eq(partnerContacts.partnerId, b.id))).length).toBe(0);
  });

  it("answers an over-long Idempotency-Key with 400 naming it", async () => {
    const res = await callRoute(partnersRoute.POST, {
      path: "/api/v1/partners",
      cookie: await adminCookie(),
      headers: { "idempotency-key": "k".repeat(256) },
      body: { name: "Long Key" },
    });
    expectProblem(res, 400, "INVALID_REQUEST");
    expect(paths(res)).toEqual(["Idempotency-Key"]);
  });

  it("replays a stored error with the request id its body names", async () => {
    const cookie = await adminCookie();
    const a = await createPartner(db(), { status: "active" });
    const activate = () =>
      callRoute(activateRoute.POST, {
        path: `/api/v1/partners/${a.id}/activate`,
        params: { id: a.id },
        cookie,
        headers: { "idempotency-key": "replayed-error" },
        body: {},
      });
    const first = await activate();
    expectProblem(first, 409, "CONFLICT");
    const replay = await activate();
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expectProblem(replay, 409, "CONFLICT");
    expect(replay.body).toEqual(first.body);
  });
});

describe("partners API: every error is problem+json with a matching request id", () => {
  it("holds for 400, 401, 403, 404, 409, 413, 415 and 422 alike", async () => {
    const a = await createPartnerWithMember(db(), { role: "developer" });
    const admin = await adminCookie();
    const dev = await sessionCookie(a.user.id);
    const results: CallResult[] = [
      await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie: admin, rawBody: "{" }),
      await callRoute(partnersRoute.GET, { path: "/api/v1/partners" }),
      await callRoute(partnersRoute.GET, { path: "/api/v1/partners", bearer: "garbage" }),
      await callRoute(partnerRoute.PATCH, { method: "PATCH", path: `/api/v1/partners/${a.partner.id}`, params: { id: a.partner.id }, cookie: dev, body: { name: "x" } }),
      await callRoute(activateRoute.POST, { path: `/api/v1/partners/${a.partner.id}/activate`, params: { id: a.partner.id }, cookie: admin, body: {} }),
      await callRoute(partnerRoute.GET, { path: "/api/v1/partners/nope", params: { id: "nope" }, cookie: admin }),
      await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie: admin, rawBody: "x".repeat(1024 * 1024 + 1) }),
      await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie: admin, rawBody: "name=x", headers: { "content-type": "text/plain" } }),
      await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie: admin, body: {} }),
    ];
    expect(results.map((r) => r.status)).toEqual([400, 401, 401, 403, 409, 404, 413, 415, 422]);
    const ids = new Set<string>();
    for (const res of results) {
      expectProblem(res, res.status);
      expect(Object.keys(res.body)).toEqual(expect.arrayContaining(["type", "title", "status", "detail", "code", "requestId"]));
      expect(res.body.type).toMatch(/^https:\/\//);
      expect(res.body.requestId).toMatch(/^req_/);
      ids.add(res.body.requestId);
    }
    expect(ids.size).toBe(results.length);
  });
});
