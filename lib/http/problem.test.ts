import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as keysRoute from "@/app/api/v1/keys/route";
import { apiKeys } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { errorToResponse } from "./problem";
import { route } from "./route";

const db = useTestDb();

afterEach(() => vi.restoreAllMocks());

const logged = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c.map(String).join(" ")).join("\n");

describe("errors the client must not see", () => {
  it("a value the database refuses (uuid column, junk value) is a 422 problem with no SQL or value, logged without parameters", async () => {
    const log = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const secret = "whsec_c2VhbGVkLXNlY3JldA";
    const GET = route({ auth: "public" }, async ({ db }) => db.select().from(apiKeys).where(eq(apiKeys.id, secret)));
    const res = await callRoute(GET, { path: "/api/v1/failing" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", status: 422, requestId: res.headers.get("x-request-id") });
    expect(res.text).not.toMatch(/select|Failed query|params|api_keys|22P02|\bat /i);
    expect(res.text).not.toContain(secret);

    const line = logged(log);
    expect(line).toContain(`[${res.body.requestId}] refused by the database: db: "select from api_keys" failed: SQLSTATE 22P02`);
    expect(line).not.toContain(secret);
    expect(line).not.toMatch(/Failed query|params:/);
  });

  it("a real route whose table is gone answers 500 without SQL, and logs no tenant id", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await db().execute(sql`alter table api_keys rename to api_keys_away`);
    let res;
    try {
      res = await callRoute(keysRoute.GET, { path: "/api/v1/keys", cookie });
    } finally {
      await db().execute(sql`alter table api_keys_away rename to api_keys`);
    }
    expect(res.status).toBe(500);
    expect(res.text).not.toMatch(/select|Failed query|params|api_keys|relation/i);
    expect(res.text).not.toContain(partner.id);
    const line = logged(log);
    expect(line).toMatch(/db: "select from api_keys" failed: SQLSTATE 42P01 undefined_table/);
    expect(line).not.toContain(partner.id);
  });

  it("hides any unexpected error's message and stack from the answer", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = errorToResponse(new Error("Failed query: select 1\nparams: secret"), "req_1");
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toMatch(/secret|select|Failed|at /);
  });
});
