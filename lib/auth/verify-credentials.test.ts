import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditLog, notifications, partnerMembers, users } from "@/db/schema";
import { setRateLimiterForTests } from "@/lib/ratelimit/rate-limiter";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { hashPassword } from "./password";
import { verifyCredentials } from "./verify-credentials";
import { SIGNIN_RULES } from "./signin-throttle";
import { createUser } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { signUpPartner, SIGNUP_ATTEMPT_NOTICE } from "@/lib/partners/sign-up-partner";

const db = useTestDb();

afterEach(() => setRateLimiterForTests(undefined));

describe("verifyCredentials", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const u = await createUser(db(), { email: "Mixed.Case@Example.test", passwordHash: await hashPassword("s3cret-password") });
    const r = await verifyCredentials(db(), "mixed.case@example.TEST", "s3cret-password");
    expect(r).toMatchObject({ ok: true, user: { id: u.id } });
  });

  it("gives the same answer for a wrong password and an unknown email, and counts failures", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    const wrong = await verifyCredentials(db(), u.email, "wrong-password");
    const unknown = await verifyCredentials(db(), "nobody@example.test", "wrong-password");
    expect(wrong).toEqual({ ok: false, code: "INVALID" });
    expect(unknown).toEqual({ ok: false, code: "INVALID" });
    const [row] = await db().select().from(users).where(eq(users.id, u.id));
    expect(row.failedSignins).toBe(1);
  });

  // The shipped allowances (10 per email, 50 per address) cost a scrypt per try; the same rules with smaller numbers.
  const HOUR = 3_600_000;
  const few = { ...SIGNIN_RULES, email: { limit: 3, periodMs: HOUR }, ip: { limit: 5, periodMs: HOUR } };

  it("slows down repeated failures, even with the right password, and a registered email exactly like an unknown one", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    const ghost = "ghost@example.test";
    for (let i = 0; i < 3; i++) {
      await verifyCredentials(db(), u.email, "nope-nope-nope", { ip: `203.0.113.${i}`, rules: few });
      await verifyCredentials(db(), ghost, "nope-nope-nope", { ip: `203.0.113.${i}`, rules: few });
    }
    const known = await verifyCredentials(db(), u.email, "right-password", { ip: "198.51.100.1", rules: few });
    const unknown = await verifyCredentials(db(), ghost, "nope-nope-nope", { ip: "198.51.100.1", rules: few });
    expect(known).toEqual({ ok: false, code: "THROTTLED", retryAfter: 1200 });
    expect(unknown).toEqual(known);
  });

  it("slows down one address trying one password on many emails", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const u = await createUser(db(), { passwordHash: await hashPassword("Spring2025!!") });
    const opts = { ip: "192.0.2.66", rules: few };
    for (let i = 0; i < 5; i++) await verifyCredentials(db(), `victim-${i}@example.test`, "Spring2025!!", opts);
    expect(await verifyCredentials(db(), u.email, "Spring2025!!", opts)).toMatchObject({ ok: false, code: "THROTTLED" });
    expect(await verifyCredentials(db(), u.email, "Spring2025!!", { ...opts, ip: "192.0.2.67" })).toMatchObject({ ok: true });
  });

  it("treats NUL and lone surrogates as wrong credentials, counted as failures, without asking the database", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    const inputs: [string, string][] = [
      [`${u.email}\u0000`, "right-password"],
      [u.email, "right-password\u0000"],
      [`${u.email}\uD800`, "right-password"],
      [u.email, "right\uDC00password"],
    ];
    const opts = { ip: "192.0.2.10", rules: few };
    const select = vi.spyOn(db(), "select");
    for (const [email, password] of inputs) {
      expect(await verifyCredentials(db(), email, password, opts)).toEqual({ ok: false, code: "INVALID" });
    }
    expect(select).not.toHaveBeenCalled();
    select.mockRestore();
    // Four failures from that address were counted: one more spends its allowance.
    await verifyCredentials(db(), "x@example.test", "nope-nope-nope", opts);
    expect(await verifyCredentials(db(), u.email, "right-password", opts)).toMatchObject({ code: "THROTTLED" });
  });
});

describe("signUpPartner", () => {
  it("creates a pending partner owned by the new user, with a unique slug", async () => {
    const a = await signUpPartner(db(), { name: "A", email: "a@signup.test", password: "long-enough-pw", partnerName: "Blue Harbor" });
    const b = await signUpPartner(db(), { name: "B", email: "b@signup.test", password: "long-enough-pw", partnerName: "Blue Harbor" });
    expect(a).toMatchObject({ created: true, slug: "blue-harbor" });
    expect(b).toMatchObject({ created: true, slug: "blue-harbor-2" });
    const ok = await verifyCredentials(db(), "a@signup.test", "long-enough-pw");
    expect(ok.ok).toBe(true);
  });

  it("answers an existing email without an error, changes nothing, and tells the account's owner", async () => {
    const first = await signUpPartner(db(), { name: "C", email: "c@signup.test", password: "long-enough-pw", partnerName: "C Co" });
    if (!first.created) throw new Error("expected a new account");
    const again = await signUpPartner(db(), { name: "C2", email: "C@signup.test", password: "other-password", partnerName: "C2 Co" }, { ip: "192.0.2.5" });
    expect(again).toEqual({ created: false });
    // The account and its password are untouched, and no second partner appeared.
    expect((await verifyCredentials(db(), "c@signup.test", "long-enough-pw")).ok).toBe(true);
    expect((await verifyCredentials(db(), "c@signup.test", "other-password")).ok).toBe(false);
    expect(await db().select().from(partnerMembers).where(eq(partnerMembers.userId, first.userId))).toHaveLength(1);
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, first.userId), eq(notifications.kind, SIGNUP_ATTEMPT_NOTICE)));
    expect(told).toHaveLength(1);
    expect(told[0].body).not.toContain("other-password");
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.targetId, first.userId), eq(auditLog.action, "user.signup_with_existing_email")));
    expect(audit).toMatchObject([{ ip: "192.0.2.5" }]);
  });

  it("settles two simultaneous sign-ups for one email: one account, the other attempt tells its owner", async () => {
    const input = { name: "D", email: "d@signup.test", password: "long-enough-pw", partnerName: "D Co" };
    const outcomes = await Promise.all([signUpPartner(db(), input), signUpPartner(db(), { ...input, partnerName: "D2 Co" })]);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    const rows = await db().select().from(users).where(eq(users.email, "d@signup.test"));
    expect(rows).toHaveLength(1);
  });
});
