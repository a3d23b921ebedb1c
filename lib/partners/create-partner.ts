import { applyDefaultPlan } from "@/lib/billing/pricing-plans";
import { like } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerMembers, partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Conflict, Forbidden } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import type { CreatePartner, Partner } from "./schemas";
import { slugify } from "./slugify";
import { toPartner } from "./to-dto";

/** A free slug: the requested one must be free; a derived one gets a numeric suffix. */
async function freeSlug(db: Db, name: string, requested?: string): Promise<string> {
  if (requested) return requested;
  const base = slugify(name);
  const taken = new Set(
    (await db.select({ slug: partners.slug }).from(partners).where(like(partners.slug, `${base}%`))).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Admins create partners directly (active unless they say otherwise is not
 * offered: they start pending like everyone, then activate). A signed-in user
 * without a partner creates their own and becomes its owner.
 */
export async function createPartner(
  db: Db,
  principal: Principal | { type: "signup"; userId: string },
  input: CreatePartner,
): Promise<Partner> {
  const admin = principal.type !== "signup" && isAdmin(principal);
  if (!admin) {
    if (principal.type === "api_key" || principal.type === "oauth") throw new Forbidden("Only platform admins create partners through the API");
    if (principal.type === "session" && principal.partnerId) throw new Conflict("You already belong to a partner");
    if (input.tier) throw new Forbidden("Only platform admins set a partner's tier");
  }
  const slug = await freeSlug(db, input.name, input.slug);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(partners)
        .values({
          name: input.name,
          slug,
          type: input.type,
          website: input.website ?? null,
          description: input.description ?? "",
          country: input.country ?? null,
          tier: input.tier ?? "standard",
          status: "pending",
        })
        .returning();
      await applyDefaultPlan(tx, row.id, row.createdAt);
      if (!admin && principal.userId) {
        await tx.insert(partnerMembers).values({ partnerId: row.id, userId: principal.userId, role: "owner" });
      }
      return toPartner(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`The slug "${slug}" is taken`, [{ path: "slug", message: "already taken" }]);
    throw err;
  }
}
