import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { decoyHash, verifyPassword } from "./password";
import { recordSigninFailure, recordSigninSuccess, signinLockedFor } from "./signin-throttle";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; code: "INVALID" | "THROTTLED"; retryAfter?: number };

/** Email + password check with equal work for unknown emails and a per-email slow-down. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<CredentialsResult> {
  const normalized = email.trim().toLowerCase();
  const locked = signinLockedFor(normalized);
  if (locked > 0) return { ok: false, code: "THROTTLED", retryAfter: locked };
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalized))
    .limit(1);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid) {
    recordSigninFailure(normalized);
    if (user) {
      await db
        .update(users)
        .set({ failedSignins: sql`${users.failedSignins} + 1`, lastFailedSigninAt: new Date() })
        .where(eq(users.id, user.id));
    }
    return { ok: false, code: "INVALID" };
  }
  recordSigninSuccess(normalized);
  await db.update(users).set({ failedSignins: 0, lastSigninAt: new Date() }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
