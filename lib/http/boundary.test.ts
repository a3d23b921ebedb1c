import { describe, expect, it } from "vitest";
import * as eventTypesRoute from "@/app/api/v1/event-types/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as keyRoute from "@/app/api/v1/keys/[id]/route";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as tokenRoute from "@/app/api/oauth/token/route";
import { standardEventTypes } from "@/lib/events/catalog";
import { vetPayloadSchema } from "@/lib/events/vet-payload-schema";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { isStorableInstant } from "@/lib/validation/instant";
import { isDecodablePath } from "./server-hooks";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "./parse";
import { findUnsafeStrings, hasUnsafeChars } from "@/lib/validation/unsafe-strings";

// Issue 12.4: input the database or the parser cannot take is refused at the
// boundary with a problem naming the field, never a 500.

const db = useTestDb();

async function admin() {
  return sessionCookie((await createUser(db(), { admin: true })).id);
}

const problem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body.code).toBe(code);
};

describe("unsafe characters", () => {
  it("finds NUL and lone surrogates, not paired ones", () => {
    expect(hasUnsafeChars("a\u0000b")).toBe(true);
    expect(hasUnsafeChars("\ud800")).toBe(true);
    expect(hasUnsafeChars("x\udfff")).toBe(true);
    expect(hasUnsafeChars("\ud83d\ude00 ok")).toBe(false);
    expect(hasUnsafeChars("plain é")).toBe(false);
    const found = findUnsafeStrings({ a: [{ b: "ok" }, { c: "\u0000" }], d: { "\ud800": 1 } });
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: "a.1.c", message: expect.stringContaining("NUL") },
        { path: "d", message: expect.stringContaining("field name") },
      ]),
    );
  });

  it("a body field with NUL or a lone surrogate → 422 naming it; nothing stored", async () => {
    const cookie = await admin();
    for (const bad of ["lead\u0000x", "\ud800"]) {
      const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, body: { type: "lead.created", data: { contact: { name: bad } } } });
      problem(res, 422, "VALIDATION_FAILED");
      expect(res.body.errors).toEqual([expect.objectContaining({ path: "data.contact.name" })]);
    }
  });

  it("a query or path parameter with NUL → 400 naming the parameter", async () => {
    const { user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const q = await callRoute(keysRoute.GET, { path: "/api/v1/keys?status=a%00b", cookie });
    problem(q, 400, "INVALID_REQUEST");
    expect(q.body.errors).toEqual([expect.objectContaining({ path: "status" })]);
    const p = await callRoute(keyRoute.GET, { path: "/api/v1/keys/x", params: { id: "a\u0000" }, cookie });
    problem(p, 400, "INVALID_REQUEST");
    expect(p.body.errors).toEqual([expect.objectContaining({ path: "id" })]);
  });
});

const leadExample = standardEventTypes.find((t) => t.name === "lead.created")!.example;

describe("what only the database refuses", () => {
  it("an id that names nothing → 422 naming the field (foreign key), never a 500 or the value", async () => {
    const cookie = await admin();
    for (const field of ["partnerId", "accountId"]) {
      const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, body: { type: "lead.created", data: leadExample, [field]: "00000000-0000-4000-8000-00000000abcd" } });
      problem(res, 422, "VALIDATION_FAILED");
      expect(res.body.errors).toEqual([expect.objectContaining({ path: field })]);
      expect(JSON.stringify(res.body)).not.toContain("abcd");
    }
  });
});

describe("Idempotency-Key", () => {
  it("an empty or non-ASCII key → 400 naming the header, every time (it used to be stored as '' and collide)", async () => {
    const cookie = await admin();
    for (const key of ["", "", "   ", "k\u00e9y", "x".repeat(256)]) {
      const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, headers: { "idempotency-key": key }, body: { type: "lead.created", data: {} } });
      problem(res, 400, "INVALID_REQUEST");
      expect(res.body.errors).toEqual([expect.objectContaining({ path: "Idempotency-Key" })]);
    }
  });
});

describe("malformed paths", () => {
  it("a path that is not valid percent-encoding is recognised before Next decodes it", () => {
    for (const bad of ["/api/v1/keys/%E0%A4%A", "/api/v1/partners/%", "/x/%ZZ?q=1"]) expect(isDecodablePath(bad), bad).toBe(false);
    for (const ok of ["/api/v1/keys/abc", "/api/v1/keys/%20x", "/a?q=%E0"]) expect(isDecodablePath(ok), ok).toBe(true);
  });
});

describe("JSON depth", () => {
  it("counts brackets outside strings only, in one pass", () => {
    expect(jsonDepthExceeds("[".repeat(65) + "]".repeat(65), 64)).toBe(true);
    expect(jsonDepthExceeds("[".repeat(64) + "]".repeat(64), 64)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ s: "[".repeat(1000) }), 64)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ s: '\\"[[[' }), 2)).toBe(false);
  });

  it(`a body nested deeper than ${MAX_JSON_DEPTH} → 400 before parsing`, async () => {
    const cookie = await admin();
    const deep = `{"type":"lead.created","data":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`;
    problem(await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, rawBody: deep }), 400, "JSON_TOO_DEEP");
  });
});

describe("dates", () => {
  it("only years 0001–9999 are storable", () => {
    expect(isStorableInstant("0000-01-01T00:00:00Z")).toBe(false);
    expect(isStorableInstant("0001-01-01T00:30:00+01:00")).toBe(false);
    expect(isStorableInstant("0001-01-01T00:00:00Z")).toBe(true);
    expect(isStorableInstant("9999-12-31T23:59:59Z")).toBe(true);
    expect(isStorableInstant("+275760-09-13T00:00:00Z")).toBe(false);
  });

  it("from=0000-01-01 → 422 naming `from`", async () => {
    const cookie = await admin();
    const res = await callRoute(eventsRoute.GET, { path: "/api/v1/events?from=0000-01-01T00:00:00Z", cookie });
    problem(res, 422, "VALIDATION_FAILED");
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "from" })]);
  });
});

describe("cookies", () => {
  it("a session cookie that is not valid percent-encoding is no session: 401, not 500", async () => {
    for (const cookie of ["next-auth.session-token=%E0%A4%A", "__Secure-next-auth.session-token=%", "next-auth.session-token=%E0%A4%A; other=1"]) {
      problem(await callRoute(meRoute.GET, { path: "/api/v1/me", cookie }), 401, "UNAUTHENTICATED");
    }
  });
});

describe("methods", () => {
  it("an unsupported method → 405 problem+json with Allow", async () => {
    const res = await (keysRoute as unknown as Record<string, (r: Request) => Promise<Response>>).DELETE(new Request("http://localhost/api/v1/keys", { method: "DELETE" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect((await res.json()).code).toBe("METHOD_NOT_ALLOWED");
    const token = await (tokenRoute as unknown as Record<string, (r: Request) => Promise<Response>>).GET(new Request("http://localhost/api/oauth/token"));
    expect(token.status).toBe(405);
    expect(token.headers.get("allow")).toBe("POST, OPTIONS");
  });
});

describe("OAuth form parameters", () => {
  it("NUL or a lone surrogate in any parameter → invalid_request (400), never server_error", async () => {
    for (const body of ["grant_type=client_credentials&client_id=a%00b&client_secret=x", "grant_type=%00", "code=%00&grant_type=authorization_code"]) {
      const res = await callRoute(tokenRoute.POST, { path: "/api/oauth/token", rawBody: body, headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(res.status, body).toBe(400);
      expect(res.body.error, body).toBe("invalid_request");
    }
    // Invalid UTF-8 in a form decodes to U+FFFD (a valid string): an unknown client, not an error.
    const garbled = await callRoute(tokenRoute.POST, {
      path: "/api/oauth/token",
      rawBody: "grant_type=client_credentials&client_id=%ED%A0%80&client_secret=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(garbled.body.error).toBe("invalid_client");
    const basic = Buffer.from("a%00b:secret").toString("base64");
    const res = await callRoute(tokenRoute.POST, {
      path: "/api/oauth/token",
      rawBody: "grant_type=client_credentials",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
  });
});

describe("admin-defined event schemas", () => {
  const base = { name: "quote.requested", description: "A quote was requested", examplePayload: { a: "x" } };

  it("refuses recursive or dangling refs and patterns that backtrack exponentially", () => {
    const recursive = { type: "object", properties: { a: { $ref: "#/$defs/node" } }, $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" } } } } };
    expect(vetPayloadSchema(recursive)).toEqual([expect.objectContaining({ message: expect.stringContaining("recursive $ref") })]);
    expect(vetPayloadSchema({ type: "object", properties: { a: { $ref: "#" } } })[0].message).toContain("recursive");
    expect(vetPayloadSchema({ type: "object", properties: { a: { $ref: "#/$defs/missing" } } })[0].message).toContain("does not name");
    expect(vetPayloadSchema({ type: "object", properties: { a: { $ref: "https://evil.example/s.json" } } })[0].path).toBe("payloadSchema.properties.a.$ref");
    expect(vetPayloadSchema({ type: "object", properties: { a: { type: "string", pattern: "^(a+)+$" } } })[0].path).toBe("payloadSchema.properties.a.pattern");
    expect(vetPayloadSchema({ type: "object", patternProperties: { "(x*)*y": {} } })).toHaveLength(1);
    expect(vetPayloadSchema({ type: "object", properties: { a: { type: "string", pattern: "^[a-z]{2,8}$" } }, $defs: { d: { type: "string" } } })).toEqual([]);
  });

  it("POST /event-types answers 422 naming payloadSchema for each, and stores nothing", async () => {
    const cookie = await admin();
    const schemas = [
      { type: "object", properties: { a: { $ref: "#/$defs/n" } }, $defs: { n: { type: "object", properties: { b: { $ref: "#/$defs/n" } } } } },
      { type: "object", properties: { a: { type: "string", pattern: "^(a+)+$" } } },
    ];
    for (const payloadSchema of schemas) {
      const res = await callRoute(eventTypesRoute.POST, { path: "/api/v1/event-types", cookie, body: { ...base, payloadSchema } });
      problem(res, 422, "VALIDATION_FAILED");
      expect(res.body.errors[0].path).toMatch(/^payloadSchema/);
    }
    const list = await callRoute(eventTypesRoute.GET, { path: "/api/v1/event-types", cookie });
    expect(list.body.data.map((t: { name: string }) => t.name)).not.toContain("quote.requested");
  });
});
