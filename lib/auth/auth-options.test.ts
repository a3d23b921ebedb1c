import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import NextAuth from "next-auth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { setRateLimiterForTests } from "@/lib/ratelimit/rate-limiter";
import { createUser } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { authOptions, SIGNIN_ERRORS } from "./auth-options";
import { hashPassword } from "./password";

// POST /api/auth/callback/credentials through next-auth's own handler, in its
// pages-API form (the App Router form reads next/headers, which needs a live
// Next request; both hand the same request to the same core).
const db = useTestDb();

async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  const options = authOptions();
  const token = randomBytes(32).toString("hex");
  const hash = createHash("sha256").update(`${token}${options.secret}`).digest("hex");
  const out = { status: 200, headers: new Map<string, unknown>(), body: undefined as unknown };
  const res = {
    status: (code: number) => ((out.status = code), res),
    setHeader: (k: string, v: unknown) => (out.headers.set(k.toLowerCase(), v), res),
    getHeader: (k: string) => out.headers.get(k.toLowerCase()),
    json: (b: unknown) => ((out.body = b), res),
    send: (b: unknown) => ((out.body = b), res),
    end: () => res,
  };
  const req = {
    method: "POST",
    query: { nextauth: ["callback", "credentials"] },
    body: { csrfToken: token, email, password, json: "true", callbackUrl: "/dashboard" },
    cookies: { "next-auth.csrf-token": `${token}|${hash}` },
    headers: { host: "localhost:3000", ...headers },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, o: unknown) => Promise<void>)(req, res, options);
  // What the browser reads: the JSON answer `{url}`.
  const redirect = String((out.body as { url?: string } | undefined)?.url ?? "");
  return { status: out.status, answer: JSON.stringify(out.body), redirect };
}

afterEach(() => {
  vi.restoreAllMocks();
  setRateLimiterForTests(undefined);
});

describe("sign-in (next-auth credentials)", () => {
  it("signs in with the right password and refuses a wrong one with the generic error", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    expect((await signIn(u.email, "right-password")).redirect).toMatch(/\/dashboard$/);
    const wrong = await signIn(u.email, "wrong-password");
    expect(wrong.status).toBe(401);
    expect(wrong.redirect).toContain("error=CredentialsSignin");
  });

  it("answers NUL bytes and lone surrogates as plain invalid credentials, with no SQL in the answer", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    for (const [email, password] of [
      [`${u.email}\u0000`, "right-password"],
      [u.email, "pass\u0000word"],
      [`\uD83D${u.email}`, "right-password"],
      [u.email, "pass\uDE00word"],
    ]) {
      const res = await signIn(email, password);
      expect(res.status).toBe(401);
      expect(res.redirect).toContain("error=CredentialsSignin");
      expect(res.answer).not.toMatch(/Failed query|select|params|users/i);
    }
  });

  it("hides a database failure behind the generic error and logs it without SQL text or the email", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await db().execute(sql`alter table users rename to users_away`);
    try {
      const res = await signIn(u.email, "right-password");
      expect(res.status).toBe(401);
      expect(res.redirect).toContain("error=CredentialsSignin");
      expect(res.answer).not.toMatch(/Failed query|select|params|users_away|relation/i);
      expect(res.answer).not.toContain(u.email);
    } finally {
      await db().execute(sql`alter table users_away rename to users`);
    }
    const logged = log.mock.calls.map((c) => c.map(String).join(" ")).join("\n");
    expect(logged).toMatch(/auth: sign-in check failed: db: "select from users" failed: SQLSTATE 42P01/);
    expect(logged).not.toContain(u.email);
    expect(logged).not.toMatch(/Failed query|params:|lower\(/);
  });

  it("says THROTTLED, the one message it passes on, for an email or an address past its allowance", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    for (let i = 0; i < 10; i++) await signIn(u.email, `wrong-${i}-password`);
    const res = await signIn(u.email, "right-password");
    expect(res.status).toBe(401);
    expect(decodeURIComponent(res.redirect)).toContain(`error=${SIGNIN_ERRORS.THROTTLED}`);
  });

  it("counts failures per client address only behind a trusted proxy", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const seen: (string | null)[] = [];
    const throttle = await import("./signin-throttle");
    const spy = vi.spyOn(throttle, "startSigninAttempt");
    spy.mockImplementation(async (_email, ip) => {
      seen.push(ip);
      return { allowed: false, retryAfterSeconds: 1 };
    });
    process.env.TRUST_PROXY = "1";
    const { resetConfigForTests } = await import("@/lib/config");
    resetConfigForTests();
    try {
      await signIn("a@example.test", "whatever-password", { "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
      delete process.env.TRUST_PROXY;
      resetConfigForTests();
      await signIn("a@example.test", "whatever-password", { "x-forwarded-for": "203.0.113.7" });
    } finally {
      delete process.env.TRUST_PROXY;
      resetConfigForTests();
    }
    expect(seen).toEqual(["203.0.113.7", null]);
  });
});
