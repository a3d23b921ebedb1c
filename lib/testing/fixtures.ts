import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db";
import { accountMembers, accounts, partnerMembers, partners, users } from "@/db/schema";
import { config } from "@/lib/config";
import type { PartnerRole } from "@/lib/partners/schemas";

// Fixtures: each test seeds its own rows. Passwords are pre-hashed with a cheap
// placeholder since sign-in itself is tested through next-auth elsewhere.

const uniq = () => randomBytes(4).toString("hex");

export async function createUser(db: Db, opts: { admin?: boolean; email?: string; name?: string; passwordHash?: string } = {}) {
  const [u] = await db
    .insert(users)
    .values({
      email: opts.email ?? `user-${uniq()}@example.test`,
      name: opts.name ?? "Test User",
      passwordHash: opts.passwordHash ?? "scrypt$invalid",
      isPlatformAdmin: opts.admin ?? false,
    })
    .returning();
  return u;
}

export async function createPartnerWithMember(
  db: Db,
  opts: { role?: PartnerRole; status?: "pending" | "active" | "suspended"; name?: string } = {},
) {
  const s = uniq();
  const [partner] = await db
    .insert(partners)
    .values({ name: opts.name ?? `Partner ${s}`, slug: `partner-${s}`, status: opts.status ?? "active" })
    .returning();
  const user = await createUser(db);
  await db.insert(partnerMembers).values({ partnerId: partner.id, userId: user.id, role: opts.role ?? "owner" });
  return { partner, user };
}

export async function createAccountWithMember(db: Db) {
  const s = uniq();
  const [account] = await db.insert(accounts).values({ name: `Agency ${s}`, slug: `agency-${s}` }).returning();
  const user = await createUser(db);
  await db.insert(accountMembers).values({ accountId: account.id, userId: user.id, role: "owner" });
  return { account, user };
}

/** A real next-auth session cookie for the user, as the browser would hold after signing in. */
export async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: config().AUTH_SECRET, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}
