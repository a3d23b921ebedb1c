import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { hasUnsafeChars } from "@/lib/validation/unsafe-strings";
import { decoyHash, verifyPassword } from "./password";
import type { AttemptRules } from "./attempt-buckets";
import { startSigninAttempt } from "./signin-throttle";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; code: "INVALID" | "THROTTLED"; retryAfter?: number };

/**
 * Email + password check with equal work for unknown emails, throttled per
 * email and per client address (`ip`, null when unknown). Input no database
 * could hold (NUL, lone surrogates) is simply wrong credentials, and counts as
 * a failure. Database errors propagate: the caller logs them safely.
 */
export async function verifyCredentials(
  db: Db,
  email: string,
  password: string,
  opts: { ip?: string | null; rules?: AttemptRules } = {},
): Promise<CredentialsResult> {
  const normalized = email.trim().toLowerCase();
  const attempt = await startSigninAttempt(normalized, opts.ip ?? null, opts.rules);
  if (!attempt.allowed) return { ok: false, code: "THROTTLED", retryAfter: attempt.retryAfterSeconds };
  try {
    const storable = !hasUnsafeChars(normalized) && !hasUnsafeChars(password);
    const [user] = storable
      ? await db
          .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
          .from(users)
          .where(eq(sql`lower(${users.email})`, normalized))
          .limit(1)
      : [];
    const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !valid) {
      await attempt.fail();
      if (user) {
        await db
          .update(users)
          .set({ failedSignins: sql`${users.failedSignins} + 1`, lastFailedSigninAt: new Date() })
          .where(eq(users.id, user.id));
      }
      return { ok: false, code: "INVALID" };
    }
    await db.update(users).set({ failedSignins: 0, lastSigninAt: new Date() }).where(eq(users.id, user.id));
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  } finally {
    attempt.finish();
  }
}
