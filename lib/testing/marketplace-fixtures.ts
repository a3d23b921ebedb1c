import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, applicationVersions, integrations, listings, partners } from "@/db/schema";
import { rememberTerms } from "@/lib/marketplace/typo-correction";
import { createAccountWithMember, createPartner, createPartnerWithMember, sessionCookie } from "./fixtures";

// Listings without walking each app through review: an application row already published
// (with its live version) and its listing, with counters set as installs and reviews would.

export type ListingSeed = {
  name: string;
  tagline?: string;
  description?: string;
  tags?: string[];
  category?: string;
  partnerId?: string;
  partnerName?: string;
  installs?: number;
  ratings?: { count: number; average: number };
  publishedDaysAgo?: number;
  /** An exact instant of publication (overrides publishedDaysAgo): equal instants make ties. */
  publishedAt?: Date;
  appStatus?: "published" | "deprecated" | "draft";
  pricing?: { model: "free" | "paid"; monthlyPriceCents?: number };
  scopes?: string[];
};

let n = 0;

export async function insertListing(db: Db, s: ListingSeed) {
  n += 1;
  const partnerId = s.partnerId ?? (await createPartner(db, { name: s.partnerName ?? `Partner ${n} ${Math.random().toString(36).slice(2, 6)}` })).id;
  const slug = `${s.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${n}-${Math.random().toString(36).slice(2, 6)}`;
  const publishedAt = s.publishedAt ?? new Date(Date.now() - (s.publishedDaysAgo ?? 60) * 86_400_000);
  const status = s.appStatus ?? "published";
  const [app] = await db
    .insert(applications)
    .values({
      partnerId,
      name: s.name,
      slug,
      status,
      publishedAt: status === "draft" ? null : publishedAt,
      deprecatedAt: status === "deprecated" ? new Date() : null,
      sunsetAt: status === "deprecated" ? new Date(Date.now() + 40 * 86_400_000) : null,
      deprecationMessage: status === "deprecated" ? "Moving to v2" : null,
      createdAt: publishedAt,
    })
    .returning();
  const [version] = await db
    .insert(applicationVersions)
    .values({ applicationId: app.id, version: "1.0.0", status: status === "draft" ? "draft" : "published", requestedScopes: s.scopes ?? ["read:claims"] })
    .returning();
  await db.update(applications).set({ currentVersionId: version.id, liveVersionId: status === "draft" ? null : version.id }).where(sql`id = ${app.id}`);
  const count = s.ratings?.count ?? 0;
  const [listing] = await db
    .insert(listings)
    .values({
      partnerId,
      applicationId: app.id,
      slug,
      name: s.name,
      partnerName: (await db.select({ name: partners.name }).from(partners).where(eq(partners.id, partnerId)))[0]?.name ?? "",
      tagline: s.tagline ?? "",
      description: s.description ?? "",
      tags: s.tags ?? [],
      category: s.category ?? "claims",
      pricingModel: s.pricing?.model ?? "free",
      monthlyPriceCents: s.pricing?.monthlyPriceCents ?? null,
      installCount: s.installs ?? 0,
      ratingCount: count,
      ratingSum: Math.round(count * (s.ratings?.average ?? 0)),
      createdAt: publishedAt,
    })
    .returning();
  await rememberTerms(db, s.name, s.tags ?? []);
  return { app, listing, partnerId, slug };
}

/**
 * Installs of the listing's app by new accounts, `daysAgo` back; optionally removed
 * `removedAfterHours` later. With `accountId`, every install is that account's (an account
 * holds one active install per app, so all but one of its installs must be removed ones).
 */
export async function addInstalls(
  db: Db,
  l: { app: { id: string }; partnerId: string; listing: { id: string } },
  count: number,
  opts: { daysAgo?: number; removedAfterHours?: number; installedBy?: string; accountId?: string } = {},
) {
  for (let i = 0; i < count; i++) {
    const { account, user } = opts.accountId
      ? { account: { id: opts.accountId }, user: { id: opts.installedBy ?? null } }
      : await createAccountWithMember(db);
    const at = new Date(Date.now() - (opts.daysAgo ?? 1) * 86_400_000 - i * 1000);
    await db.insert(integrations).values({
      accountId: account.id,
      applicationId: l.app.id,
      listingId: l.listing.id,
      partnerId: l.partnerId,
      installedBy: opts.installedBy ?? user.id,
      status: "active",
      createdAt: at,
      connectedAt: at,
      uninstalledAt: opts.removedAfterHours !== undefined ? new Date(at.getTime() + opts.removedAfterHours * 3600_000) : null,
    });
  }
}

// ---- reviews ------------------------------------------------------------------------------

type ListingRef = { app: { id: string }; partnerId: string; listing: { id: string } };

/**
 * A member (owner) of a new account whose install of the listing's app is `status` (active by
 * default), removed `uninstalledDaysAgo` days ago when given; with a session cookie.
 */
export async function accountWithInstall(
  db: Db,
  l: ListingRef,
  opts: { status?: "pending" | "active" | "degraded" | "failed" | "disconnected"; uninstalledDaysAgo?: number } = {},
) {
  const { account, user } = await createAccountWithMember(db);
  const [integration] = await db
    .insert(integrations)
    .values({
      accountId: account.id,
      applicationId: l.app.id,
      listingId: l.listing.id,
      partnerId: l.partnerId,
      installedBy: user.id,
      status: opts.status ?? (opts.uninstalledDaysAgo !== undefined ? "disconnected" : "active"),
      uninstalledAt: opts.uninstalledDaysAgo !== undefined ? new Date(Date.now() - opts.uninstalledDaysAgo * 86_400_000) : null,
    })
    .returning();
  return { account, user, integration, cookie: await sessionCookie(user.id) };
}

/** A public listing of a new partner (with an owner, signed in) and no reviews yet. */
export async function reviewableListing(db: Db, name = "Reviewed App") {
  const { partner, user } = await createPartnerWithMember(db);
  const l = await insertListing(db, { name, partnerId: partner.id });
  return { ...l, partner, owner: { user, cookie: await sessionCookie(user.id) } };
}
