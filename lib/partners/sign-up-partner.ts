import { applyDefaultPlan } from "@/lib/billing/pricing-plans";
import { eq, like, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerMembers, partners, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation, pgConstraint } from "@/lib/db/errors";
import type { NotificationKind } from "@/lib/notifications/kinds";
import { notify } from "@/lib/notifications/notify";
import type { SignUp } from "./schemas";
import { slugify } from "./slugify";

export type SignUpOutcome = { created: true; userId: string; partnerId: string; slug: string } | { created: false };

export const SIGNUP_ATTEMPT_NOTICE = "account.signup_attempt" satisfies NotificationKind;

/**
 * A newcomer: a user and a partner in `pending`, owned by that user, awaiting
 * an admin's approval. An email that already has an account gets no error
 * (that would tell anyone which addresses are registered): nothing is created,
 * the account's owner is told someone tried, and the caller answers exactly as
 * for a new account. The same work is done either way (one password hash).
 */
export async function signUpPartner(db: Db, input: SignUp, ctx: { ip?: string | null } = {}): Promise<SignUpOutcome> {
  const passwordHash = await hashPassword(input.password);
  for (let attempt = 1; ; attempt++) {
    const owner = await findUserId(db, input.email);
    if (owner) {
      await tellOwner(db, owner, ctx.ip ?? null);
      return { created: false };
    }
    try {
      return await create(db, input, passwordHash, ctx.ip ?? null);
    } catch (err) {
      // Two sign-ups raced: for the same email (the loser tells the owner, above),
      // or for the same company name (the loser takes the next free slug).
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
      const constraint = pgConstraint(err);
      if (constraint !== "users_email_lower_uq" && constraint !== "partners_slug_uq") throw err;
    }
  }
}

async function findUserId(db: Db, email: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row?.id;
}

async function create(db: Db, input: SignUp, passwordHash: string, ip: string | null): Promise<SignUpOutcome> {
  const base = slugify(input.partnerName);
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning({ id: users.id });
    const taken = await tx
      .select({ slug: partners.slug })
      .from(partners)
      .where(or(eq(partners.slug, base), like(partners.slug, `${base}-%`)));
    const slugs = new Set(taken.map((r) => r.slug));
    let slug = base;
    for (let i = 2; slugs.has(slug); i++) slug = `${base}-${i}`;
    const [partner] = await tx
      .insert(partners)
      .values({ name: input.partnerName, slug, website: input.website ?? null, status: "pending" })
      .returning({ id: partners.id, createdAt: partners.createdAt });
    await applyDefaultPlan(tx, partner.id, partner.createdAt);
    await tx.insert(partnerMembers).values({ partnerId: partner.id, userId: user.id, role: "owner" });
    await recordAudit(tx, null, { action: "partner.signed_up", targetType: "partner", targetId: partner.id, partnerId: partner.id }, { ip });
    return { created: true as const, userId: user.id, partnerId: partner.id, slug };
  });
}

/** The owner of an address someone tried to sign up with hears about it (in-app; by mail once mail exists). */
async function tellOwner(db: Db, userId: string, ip: string | null) {
  await db.transaction(async (tx) => {
    await notify(tx, {
      kind: SIGNUP_ATTEMPT_NOTICE,
      to: { users: [userId] },
      title: "Someone tried to create an account with your email address",
      body:
        "A new partner account was requested for your email address. You already have an account, so nothing was created or changed. " +
        "If it was you, sign in with your existing password. If it wasn't, you can ignore this.",
    });
    await recordAudit(tx, null, { action: "user.signup_with_existing_email", targetType: "user", targetId: userId }, { ip });
  });
}
