import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createUser } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { describeError, pgErrorCode, statementLabel } from "./errors";

const db = useTestDb();

const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable("the query should fail"), (e: unknown) => e);

describe("describeError", () => {
  it("names a failed query by verb and table with its SQLSTATE, never its parameters or the value the database quotes", async () => {
    const secret = "prt_live_SECRETsecretSECRET";
    const err = await failure(db().select().from(users).where(eq(users.id, secret)));
    expect(String((err as Error).message)).toContain(secret); // what drizzle's own message would have leaked
    const line = describeError(err);
    expect(line).toMatch(/^db: "select from users" failed: SQLSTATE 22P02 invalid_text_representation/);
    expect(line).not.toContain(secret);
    expect(line).not.toMatch(/Failed query|params|\$1|"id"/);
    expect(line).toMatch(/\n\s+at /); // where it happened: stack frames, without the message
  });

  it("keeps the server's message and the constraint for errors that only name schema objects", async () => {
    const u = await createUser(db(), { email: "taken@errors.test" });
    const err = await failure(db().insert(users).values({ email: "TAKEN@errors.test", name: "x", passwordHash: "h" }));
    expect(pgErrorCode(err)).toBe("23505");
    const line = describeError(err);
    expect(line).toMatch(/^db: "insert into users" failed: SQLSTATE 23505 unique_violation: constraint users_email_lower_uq: duplicate key value violates unique constraint "users_email_lower_uq"/);
    expect(line).not.toMatch(/taken@errors\.test/i);
    expect(line).not.toContain(u.id);
  });

  it("drops values from a NUL byte in text, and from SQL spelt out with literals", async () => {
    const nul = await failure(db().select().from(users).where(eq(users.email, "who\u0000@errors.test")));
    const line = describeError(nul);
    expect(line).toMatch(/^db: "select from users" failed/);
    expect(line).not.toContain("who");
    const literal = await failure(db().execute(sql.raw(`select 'sealed:whsec_abc'::int`)));
    expect(describeError(literal)).not.toContain("whsec_abc");
  });

  it("looks through a wrapper, and describes errors that are not the database's by name and message", () => {
    const inner = Object.assign(new Error("Failed query: select 1\nparams: 42,secret@example.test"), { query: "select 1", params: [42, "secret@example.test"] });
    const wrapped = new Error("step failed", { cause: inner });
    expect(describeError(wrapped)).toMatch(/^Error: step failed ← db: "select" failed/);
    expect(describeError(wrapped)).not.toContain("secret@example.test");
    expect(describeError(new TypeError("x is not a function"))).toMatch(/^TypeError: x is not a function\n\s+at /);
    expect(describeError(new Error("copied Failed query: select $1 params: secret"))).toMatch(/^Error: copied \[query redacted\]/);
    expect(describeError(new TypeError("x is not a function"), { frames: false })).toBe("TypeError: x is not a function");
    const hostile = { get message() { throw new Error("boom"); } };
    expect(describeError(hostile)).toBe("unprintable error");
    expect(describeError("plain string")).toBe("thrown string: plain string");
    expect(describeError(undefined)).toBe("thrown undefined: undefined");
  });

  it("describes a connection error from the driver without the query's values", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const wrapper = Object.assign(new Error('Failed query: update "api_keys" set "last_used_at" = $1 where "id" = $2\nparams: 2025-01-01,abc'), {
      query: 'update "api_keys" set "last_used_at" = $1 where "id" = $2',
      params: ["2025-01-01", "abc"],
      cause: refused,
    });
    expect(describeError(wrapper)).toMatch(/^db: "update api_keys" failed: Error ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:5432/);
    expect(describeError(wrapper)).not.toContain("abc");
  });
});

describe("statementLabel", () => {
  it("keeps the verb and the main table, nothing else", () => {
    expect(statementLabel('select "id", "email" from "users" where lower("users"."email") = $1 limit $2')).toBe("select from users");
    expect(statementLabel('insert into "webhook_deliveries" ("id") values ($1)')).toBe("insert into webhook_deliveries");
    expect(statementLabel('update "api_keys" set "status" = $1 where "id" = $2')).toBe("update api_keys");
    expect(statementLabel('delete from "idempotency_keys" where "expires_at" < now()')).toBe("delete from idempotency_keys");
    expect(statementLabel("execute portico_publish_3('a-secret-literal', 42)")).toBe("execute portico_publish_3");
    expect(statementLabel("with due as (select id from webhook_deliveries) update webhook_deliveries set x = 1")).toBe("with … update webhook_deliveries");
    expect(statementLabel('select "x" from "public"."partners" join "users" on true')).toBe("select from public.partners");
    expect(statementLabel("select 'secret-literal'")).toBe("select");
    expect(statementLabel("")).toBe("statement");
  });
});
