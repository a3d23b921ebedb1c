import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { hashPassword } from "./password";
import { verifyCredentials } from "./verify-credentials";
import { createUser } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { signUpPartner } from "@/lib/partners/sign-up-partner";
import { DomainError } from "@/lib/errors";

const db = useTestDb();

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

  it("slows down repeated failures, even with the right password", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("right-password") });
    for (let i = 0; i < 5; i++) await verifyCredentials(db(), u.email, "nope-nope-nope");
    const r = await verifyCredentials(db(), u.email, "right-password");
    expect(r).toMatchObject({ ok: false, code: "THROTTLED" });
  });
});

describe("signUpPartner", () => {
  it("creates a pending partner owned by the new user, with a unique slug", async () => {
    const a = await signUpPartner(db(), { name: "A", email: "a@signup.test", password: "long-enough-pw", partnerName: "Blue Harbor" });
    const b = await signUpPartner(db(), { name: "B", email: "b@signup.test", password: "long-enough-pw", partnerName: "Blue Harbor" });
    expect(a.slug).toBe("blue-harbor");
    expect(b.slug).toBe("blue-harbor-2");
    const ok = await verifyCredentials(db(), "a@signup.test", "long-enough-pw");
    expect(ok.ok).toBe(true);
  });

  it("refuses a second account for the same email, naming the field", async () => {
    await signUpPartner(db(), { name: "C", email: "c@signup.test", password: "long-enough-pw", partnerName: "C Co" });
    const err = await signUpPartner(db(), { name: "C2", email: "C@signup.test", password: "long-enough-pw", partnerName: "C2 Co" }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(409);
    expect(err.errors).toEqual([{ path: "email", message: "already registered" }]);
  });
});
