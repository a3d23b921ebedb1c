import { eq, like, or } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerMembers, partners, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { Conflict } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import type { SignUp } from "./schemas";
import { slugify } from "./slugify";

/** A newcomer: a user and a partner in `pending`, owned by that user, awaiting an admin's approval. */
export async function signUpPartner(db: Db, input: SignUp): Promise<{ userId: string; partnerId: string; slug: string }> {
  const passwordHash = await hashPassword(input.password);
  const base = slugify(input.partnerName);
  try {
    return await db.transaction(async (tx) => {
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
        .returning({ id: partners.id });
      await tx.insert(partnerMembers).values({ partnerId: partner.id, userId: user.id, role: "owner" });
      await recordAudit(tx, null, { action: "partner.signed_up", targetType: "partner", targetId: partner.id, partnerId: partner.id });
      return { userId: user.id, partnerId: partner.id, slug };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      // Says the address is in use: sign-up cannot avoid that, but sign-in never reveals it.
      throw new Conflict("An account with this email already exists; sign in instead", [{ path: "email", message: "already registered" }]);
    }
    throw err;
  }
}
