import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db";
import { accountMembers, accounts, apiKeys, partnerAgreements, partnerContacts, partnerMembers, partners, users } from "@/db/schema";
import { config } from "@/lib/config";
import { displayParts, generateKey, hashKey } from "@/lib/keys/key-format";
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

type PartnerStatus = "pending" | "active" | "suspended" | "rejected";

/** A partner with no members. */
export async function createPartner(db: Db, opts: { status?: PartnerStatus; name?: string; slug?: string } = {}) {
  const s = uniq();
  const [partner] = await db
    .insert(partners)
    .values({ name: opts.name ?? `Partner ${s}`, slug: opts.slug ?? `partner-${s}`, status: opts.status ?? "active" })
    .returning();
  return partner;
}

export async function createPartnerWithMember(db: Db, opts: { role?: PartnerRole; status?: PartnerStatus; name?: string } = {}) {
  const partner = await createPartner(db, opts);
  const user = await addPartnerMember(db, partner.id, opts.role ?? "owner");
  return { partner, user };
}

/** A new user who belongs to the partner with the given role. */
export async function addPartnerMember(db: Db, partnerId: string, role: PartnerRole = "owner") {
  const user = await createUser(db);
  await db.insert(partnerMembers).values({ partnerId, userId: user.id, role });
  return user;
}

export async function createAccountWithMember(db: Db) {
  const s = uniq();
  const [account] = await db.insert(accounts).values({ name: `Agency ${s}`, slug: `agency-${s}` }).returning();
  const user = await addAccountMember(db, account.id, "owner");
  return { account, user };
}

/** A new user who belongs to the customer account with the given role. */
export async function addAccountMember(db: Db, accountId: string, role: "owner" | "admin" | "member" = "member") {
  const user = await createUser(db);
  await db.insert(accountMembers).values({ accountId, userId: user.id, role });
  return user;
}

export async function createContact(
  db: Db,
  partnerId: string,
  opts: { kind?: "business" | "technical" | "billing"; name?: string; email?: string; isPrimary?: boolean } = {},
) {
  const s = uniq();
  const [contact] = await db
    .insert(partnerContacts)
    .values({
      partnerId,
      kind: opts.kind ?? "technical",
      name: opts.name ?? `Contact ${s}`,
      email: opts.email ?? `contact-${s}@example.test`,
      isPrimary: opts.isPrimary ?? false,
    })
    .returning();
  return contact;
}

/** An agreement issued to the partner and not yet accepted (unless acceptedBy is given). */
export async function createAgreement(
  db: Db,
  partnerId: string,
  opts: { kind?: string; version?: string; title?: string; acceptedBy?: string } = {},
) {
  const [agreement] = await db
    .insert(partnerAgreements)
    .values({
      partnerId,
      kind: opts.kind ?? "msa",
      version: opts.version ?? "1",
      title: opts.title ?? "Master services agreement",
      body: "The partner agrees to the terms.",
      acceptedBy: opts.acceptedBy ?? null,
      acceptedAt: opts.acceptedBy ? new Date() : null,
    })
    .returning();
  return agreement;
}

/**
 * An API key of the partner, inserted directly (as POST /keys would store it:
 * only the hash). Returns the row and the plaintext key to send as a bearer.
 */
export async function createApiKey(
  db: Db,
  partnerId: string,
  opts: {
    scopes?: string[];
    name?: string;
    status?: "active" | "expiring" | "revoked" | "expired";
    expiresAt?: Date | null;
    graceEndsAt?: Date | null;
    ratelimitPerMinute?: number | null;
    createdBy?: string | null;
  } = {},
) {
  const key = generateKey();
  const { prefix, last4 } = displayParts(key);
  const [row] = await db
    .insert(apiKeys)
    .values({
      partnerId,
      name: opts.name ?? `key-${uniq()}`,
      prefix,
      last4,
      hash: hashKey(key),
      scopes: opts.scopes ?? ["read:*"],
      status: opts.status ?? "active",
      expiresAt: opts.expiresAt ?? null,
      graceEndsAt: opts.graceEndsAt ?? null,
      ratelimitPerMinute: opts.ratelimitPerMinute ?? null,
      createdBy: opts.createdBy ?? null,
      revokedAt: opts.status === "revoked" ? new Date() : null,
    })
    .returning();
  return { ...row, key };
}

/**
 * A real next-auth session cookie for the user, as the browser would hold after
 * signing in. `secret` and `maxAge` exist to forge and expire cookies in security tests.
 */
export async function sessionCookie(userId: string, opts: { secret?: string; maxAge?: number } = {}): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: opts.secret ?? config().AUTH_SECRET, maxAge: opts.maxAge ?? 3600 });
  return `next-auth.session-token=${token}`;
}
