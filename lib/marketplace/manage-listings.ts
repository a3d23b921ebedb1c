import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, listings, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { pgConstraint } from "@/lib/db/errors";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { activePartnerFor } from "@/lib/partners/active-partner";
import { assertCategory } from "./categories";
import { getListing } from "./listing-queries";
import type { CreateListing, DelistListing, FeatureListing, ListingPage, UpdateListing } from "./schemas";
import { rememberTerms } from "./typo-correction";

type ListingRow = typeof listings.$inferSelect;

function pricingColumns(p: CreateListing["pricing"]) {
  return { pricingModel: p.model, monthlyPriceCents: p.model === "paid" ? (p.monthlyPriceCents ?? null) : null };
}

/** POST /marketplace/listings: the app's partner writes its listing; it is public once the app is published. */
export async function createListing(db: Db, principal: Principal, input: CreateListing): Promise<ListingPage> {
  if (!principal.partnerId) throw new Forbidden("Only a partner's members list its apps");
  // A pending or suspended partner publishes nothing new, as with its apps.
  await activePartnerFor(db, principal);
  const [app] = await db
    .select({ id: applications.id, name: applications.name, slug: applications.slug, partnerId: applications.partnerId, partnerName: partners.name })
    .from(applications)
    .innerJoin(partners, eq(partners.id, applications.partnerId))
    .where(and(eq(applications.id, input.applicationId), eq(applications.partnerId, principal.partnerId)));
  // Another partner's app is as unknown as a missing one; the field names where to look.
  if (!app) throw new NotFound("Application");
  await assertCategory(db, input.category);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(listings).values({
        partnerId: app.partnerId,
        applicationId: app.id,
        slug: app.slug,
        name: app.name,
        partnerName: app.partnerName,
        tagline: input.tagline,
        description: input.description,
        category: input.category,
        tags: input.tags,
        logoUrl: input.logoUrl ?? null,
        screenshots: input.screenshots,
        ...pricingColumns(input.pricing),
      });
      await rememberTerms(tx, app.name, input.tags);
    });
  } catch (err) {
    if (pgConstraint(err) === "listings_application_uq" || pgConstraint(err) === "listings_slug_uq")
      throw new Conflict("This application already has a listing: change it with PATCH /marketplace/listings/{slug}", [
        { path: "applicationId", message: "already listed" },
      ]);
    throw err;
  }
  return getListing(db, principal, app.slug);
}

/** The listing row if the principal's partner owns it; a listing of another partner is a 404. */
async function ownListing(db: Db, principal: Principal, slug: string): Promise<ListingRow> {
  const [row] = await db.select().from(listings).where(eq(listings.slug, slug));
  if (!row || !principal.partnerId || row.partnerId !== principal.partnerId) throw new NotFound("Listing");
  return row;
}

export async function updateListing(db: Db, principal: Principal, slug: string, input: UpdateListing): Promise<ListingPage> {
  const row = await ownListing(db, principal, slug);
  if (input.category !== undefined) await assertCategory(db, input.category);
  await db.transaction(async (tx) => {
    await tx
      .update(listings)
      .set({
        ...(input.tagline !== undefined ? { tagline: input.tagline } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.category !== undefined ? { category: input.category } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(input.logoUrl !== undefined ? { logoUrl: input.logoUrl } : {}),
        ...(input.screenshots !== undefined ? { screenshots: input.screenshots } : {}),
        ...(input.pricing !== undefined ? pricingColumns(input.pricing) : {}),
        updatedAt: new Date(),
      })
      .where(eq(listings.id, row.id));
    if (input.tags) await rememberTerms(tx, row.name, input.tags);
  });
  return getListing(db, principal, slug);
}

async function listingBySlug(db: Db, slug: string): Promise<ListingRow> {
  const [row] = await db.select().from(listings).where(eq(listings.slug, slug));
  if (!row) throw new NotFound("Listing");
  return row;
}

/** Admins take a listing out of the marketplace, saying why (the partner sees the reason). */
export async function delistListing(db: Db, principal: Principal, slug: string, input: DelistListing): Promise<ListingPage> {
  const row = await listingBySlug(db, slug);
  if (row.status === "delisted") throw new Conflict("The listing is already delisted", [{ path: "status", message: "is delisted" }]);
  await db.transaction(async (tx) => {
    await tx
      .update(listings)
      .set({ status: "delisted", delistedAt: new Date(), delistedReason: input.reason, featured: false, featuredPosition: null, updatedAt: new Date() })
      .where(eq(listings.id, row.id));
    await notify(tx, {
      kind: "listing.delisted",
      to: { partner: row.partnerId },
      partnerId: row.partnerId,
      title: `${row.name} was removed from the marketplace`,
      body: `Reason: ${input.reason}`,
      link: `/listings/${row.slug}`,
    });
  });
  return getListing(db, principal, slug);
}

export async function relistListing(db: Db, principal: Principal, slug: string): Promise<ListingPage> {
  const row = await listingBySlug(db, slug);
  if (row.status !== "delisted") throw new Conflict("The listing is not delisted", [{ path: "status", message: `is ${row.status}` }]);
  await db.transaction(async (tx) => {
    await tx.update(listings).set({ status: "published", delistedAt: null, delistedReason: null, updatedAt: new Date() }).where(eq(listings.id, row.id));
    await notify(tx, { kind: "listing.relisted", to: { partner: row.partnerId }, partnerId: row.partnerId, title: `${row.name} is back in the marketplace`, link: `/listings/${row.slug}` });
  });
  return getListing(db, principal, slug);
}

/** Admins choose the featured row and its order. */
export async function featureListing(db: Db, principal: Principal, slug: string, input: FeatureListing): Promise<ListingPage> {
  const row = await listingBySlug(db, slug);
  if (input.featured && row.status === "delisted")
    throw new Conflict("A delisted listing cannot be featured", [{ path: "featured", message: "the listing is delisted" }]);
  await db
    .update(listings)
    .set({ featured: input.featured, featuredPosition: input.featured ? (input.position ?? row.featuredPosition ?? 100) : null, updatedAt: new Date() })
    .where(eq(listings.id, row.id));
  return getListing(db, principal, slug);
}

/** The listing follows its app's name and its partner's name (both are in its search vector). */
export async function syncListingNames(db: Db, opts: { applicationId?: string; partnerId?: string }) {
  if (opts.applicationId) {
    const [app] = await db.select({ name: applications.name }).from(applications).where(eq(applications.id, opts.applicationId));
    if (app) {
      const updated = await db.update(listings).set({ name: app.name, updatedAt: new Date() }).where(eq(listings.applicationId, opts.applicationId)).returning({ tags: listings.tags });
      if (updated[0]) await rememberTerms(db, app.name, updated[0].tags);
    }
  }
  if (opts.partnerId) {
    await db
      .update(listings)
      .set({ partnerName: sql`(select name from partners where id = ${opts.partnerId})` })
      .where(eq(listings.partnerId, opts.partnerId));
  }
}

/** The partner's own listings and its apps without one, for the portal's Listings page. */
export async function partnerListingOverview(db: Db, principal: Principal) {
  if (!principal.partnerId) throw new Forbidden("Only partner members have listings");
  const apps = await db
    .select({ id: applications.id, name: applications.name, slug: applications.slug, status: applications.status, listingSlug: listings.slug, listingStatus: listings.status })
    .from(applications)
    .leftJoin(listings, eq(listings.applicationId, applications.id))
    .where(eq(applications.partnerId, principal.partnerId))
    .orderBy(asc(applications.name));
  return apps;
}

