import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { notifications, users } from "@/db/schema";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { setRateLimiterForTests } from "@/lib/ratelimit/rate-limiter";
import { useTestDb } from "@/lib/testing/test-db";
import { submitSignUp } from "./submit-sign-up";

// The sign-up form's answers (app/signup/actions.ts hands its input here).
const db = useTestDb();
const open = async () => db();
let n = 0;
const form = (over: Record<string, unknown> = {}) => ({
  name: "Nora Newcomer",
  email: `nora-${++n}@signup.test`,
  password: "correct-horse-battery",
  partnerName: `Nimbus ${n}`,
  ...over,
});

afterEach(() => {
  setRateLimiterForTests(undefined);
  vi.restoreAllMocks();
});

describe("submitSignUp", () => {
  it("answers a new email and a registered one identically, creating only the first account and telling the owner of the second", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const first = form();
    const created = await submitSignUp(open, first, { ip: "203.0.113.1" });
    const again = await submitSignUp(open, form({ email: first.email.toUpperCase(), password: "another-password" }), { ip: "203.0.113.2" });
    expect(created).toEqual({ ok: true });
    expect(again).toEqual(created);
    const rows = await db().select().from(users).where(eq(sql`lower(${users.email})`, first.email));
    expect(rows).toHaveLength(1);
    expect(await db().select().from(notifications).where(eq(notifications.userId, rows[0].id))).toHaveLength(1);
  });

  it("names the field holding a NUL byte or a lone surrogate instead of failing", async () => {
    for (const [field, value] of [
      ["email", "nul\u0000@signup.test"],
      ["password", "correct\u0000horse-battery"],
      ["name", "Nora\uD800"],
      ["partnerName", "Nimbus\uDC00"],
      ["website", "https://nimbus.example/\u0000"],
    ] as const) {
      const res = await submitSignUp(open, form({ [field]: value }), { ip: null });
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(Object.keys(res.fields)).toEqual([field]);
        expect(res.fields[field]).toMatch(/NUL|Unicode/);
      }
    }
  });

  it("throttles per email whether or not it is registered, with the same answer for both", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const registered = form();
    await submitSignUp(open, registered, { ip: "198.51.100.1" });
    const fresh = form();
    const answers = { registered: [] as unknown[], fresh: [] as unknown[] };
    for (let i = 0; i < 3; i++) {
      answers.registered.push(await submitSignUp(open, form({ email: registered.email }), { ip: `198.51.100.${10 + i}` }));
      answers.fresh.push(await submitSignUp(open, form({ email: fresh.email }), { ip: `198.51.100.${20 + i}` }));
    }
    // The registered email spent its first token on the real sign-up: three attempts, then refused, like the fresh one.
    expect(answers.registered).toEqual([{ ok: true }, { ok: true }, expect.objectContaining({ ok: false })]);
    expect(answers.fresh).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const refusedRegistered = answers.registered[2];
    const refusedFresh = await submitSignUp(open, form({ email: fresh.email }), { ip: "198.51.100.99" });
    expect(refusedFresh).toEqual(refusedRegistered);
    expect(refusedFresh).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many sign-up attempts/), fields: {} });
  });

  it("throttles one address signing up many emails", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const spy = vi.spyOn(await import("./sign-up-partner"), "signUpPartner").mockResolvedValue({ created: false });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await submitSignUp(open, form(), { ip: "192.0.2.44" }));
    expect(answers.slice(0, 10).every((a) => a.ok)).toBe(true);
    expect(answers[10]).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many/) });
    expect(spy).toHaveBeenCalledTimes(10);
    expect((await submitSignUp(open, form(), { ip: "192.0.2.45" })).ok).toBe(true);
  });

  it("answers a database failure with a generic message, logging it without SQL or the email", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const input = form();
    await db().execute(sql`alter table users rename to users_away`);
    let res;
    try {
      res = await submitSignUp(open, input, { ip: null });
    } finally {
      await db().execute(sql`alter table users_away rename to users`);
    }
    expect(res).toEqual({ ok: false, message: "Something went wrong on our side. Try again in a moment.", fields: {} });
    const line = log.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(line).toMatch(/signup: failed: db: "select from users" failed: SQLSTATE 42P01/);
    expect(line).not.toContain(input.email);
    expect(line).not.toMatch(/Failed query|params:/);
  });
});
