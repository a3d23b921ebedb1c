import { eq } from "drizzle-orm";
import { afterAll, afterEach } from "vitest";
import * as reviewsRoute from "@/app/api/v1/marketplace/listings/[slug]/reviews/route";
import * as dismissRoute from "@/app/api/v1/marketplace/review-reports/[id]/dismiss/route";
import * as reportsRoute from "@/app/api/v1/marketplace/review-reports/route";
import * as helpfulRoute from "@/app/api/v1/marketplace/reviews/[id]/helpful/route";
import * as replyRoute from "@/app/api/v1/marketplace/reviews/[id]/reply/route";
import * as reportRoute from "@/app/api/v1/marketplace/reviews/[id]/report/route";
import * as reviewRoute from "@/app/api/v1/marketplace/reviews/[id]/route";
import type { Db } from "@/db";
import { listings, reviewReports, reviews, reviewVotes } from "@/db/schema";
import { clearKeyCache } from "@/lib/keys/key-cache";
import { createUser } from "@/lib/testing/fixtures";
import { accountWithInstall, reviewableListing } from "@/lib/testing/marketplace-fixtures";
import { describeSecurity, type Tenant } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { flushListingStats } from "../listing-stats";

const db = useTestDb();
afterEach(() => clearKeyCache());
afterAll(() => flushListingStats(db()));

// The shared generator over every reviews route: no credential, bad credentials, wrong role or
// scope, the cross-site checks. Reviews are public while visible, so a stranger acting on one gets
// 403 (it is no secret that it exists); a hidden review is a 404 to everyone but its author and admins.

/** A listing with one review by a member of an account that has the app installed. */
async function reviewed(d: Db, opts: { hidden?: boolean } = {}) {
  const l = await reviewableListing(d);
  const author = await accountWithInstall(d, l);
  const [review] = await d
    .insert(reviews)
    .values({ listingId: l.listing.id, accountId: author.account.id, userId: author.user.id, rating: 4, title: "Good", body: "Works.", hiddenAt: opts.hidden ? new Date() : null })
    .returning();
  if (!opts.hidden) await d.update(listings).set({ ratingCount: 1, ratingSum: 4 }).where(eq(listings.id, l.listing.id));
  const partner: Tenant = { kind: "partner", id: l.partner.id, name: l.partner.name, slug: l.partner.slug };
  const account: Tenant = { kind: "account", id: author.account.id, name: author.account.name, slug: author.account.slug };
  return { l, author, review, partner, account };
}

const reviewState = (d: Db, id: string) => d.select().from(reviews).where(eq(reviews.id, id));

describeSecurity(db, {
  name: "POST /marketplace/listings/{slug}/reviews",
  handler: reviewsRoute.POST,
  method: "POST",
  setup: async (d) => {
    const l = await reviewableListing(d);
    const installed = await accountWithInstall(d, l);
    return { l, tenant: { kind: "account" as const, id: installed.account.id, name: installed.account.name, slug: installed.account.slug } };
  },
  path: (c) => `/api/v1/marketplace/listings/${c.l.slug}/reviews`,
  params: (c) => ({ slug: c.l.slug }),
  body: () => ({ rating: 4, body: "Good so far." }),
  okStatus: 201,
  // Any member of the account with the install may review, whatever their role.
  allowed: ["tenant:owner", "tenant:member"],
  denied: [
    { actor: "customer", status: 403, code: "NOT_INSTALLED" },
    { actor: "user", status: 403, code: "NOT_INSTALLED" },
    { actor: "admin", status: 403, code: "NOT_INSTALLED" },
  ],
  state: async (d, c) => ({
    reviews: await d.select().from(reviews).where(eq(reviews.listingId, c.l.listing.id)),
    listing: await d.select({ n: listings.ratingCount, s: listings.ratingSum }).from(listings).where(eq(listings.id, c.l.listing.id)),
  }),
});

describeSecurity(db, {
  name: "PATCH /marketplace/reviews/{id} (hide)",
  handler: reviewRoute.PATCH,
  method: "PATCH",
  setup: async (d) => {
    const c = await reviewed(d);
    return { ...c, tenant: c.account };
  },
  path: (c) => `/api/v1/marketplace/reviews/${c.review.id}`,
  params: (c) => ({ id: c.review.id }),
  body: () => ({ hidden: true, reason: "Spam" }),
  okStatus: 200,
  allowed: ["admin"],
  denied: [
    { actor: "tenant:owner", status: 403, code: "FORBIDDEN" },
    { actor: "customer", status: 403, code: "FORBIDDEN" },
    { actor: "user", status: 403, code: "FORBIDDEN" },
  ],
  state: async (d, c) => ({ review: await reviewState(d, c.review.id), listing: await d.select().from(listings).where(eq(listings.id, c.l.listing.id)) }),
  // A visible review is public: strangers are refused (403), not told it is missing.
  crossTenant: [],
});

describeSecurity(db, {
  name: "PATCH /marketplace/reviews/{id} (a hidden review: edit or restore)",
  handler: reviewRoute.PATCH,
  method: "PATCH",
  setup: async (d) => {
    const c = await reviewed(d, { hidden: true });
    return { ...c, tenant: c.account };
  },
  path: (c) => `/api/v1/marketplace/reviews/${c.review.id}`,
  params: (c) => ({ id: c.review.id }),
  body: () => ({ hidden: false }),
  okStatus: 200,
  allowed: ["admin"],
  denied: [
    { actor: "tenant:owner", status: 404, code: "NOT_FOUND" },
    { actor: "customer", status: 404, code: "NOT_FOUND" },
    { actor: "user", status: 404, code: "NOT_FOUND" },
  ],
  state: async (d, c) => ({ review: await reviewState(d, c.review.id), listing: await d.select().from(listings).where(eq(listings.id, c.l.listing.id)) }),
  ownedId: (c) => c.review.id,
});

describeSecurity(db, {
  name: "DELETE /marketplace/reviews/{id}",
  handler: reviewRoute.DELETE,
  method: "DELETE",
  setup: async (d) => {
    const c = await reviewed(d);
    return { ...c, tenant: c.account };
  },
  path: (c) => `/api/v1/marketplace/reviews/${c.review.id}`,
  params: (c) => ({ id: c.review.id }),
  okStatus: 204,
  allowed: ["admin"],
  denied: [
    { actor: "tenant:owner", status: 403, code: "FORBIDDEN" },
    { actor: "customer", status: 403, code: "FORBIDDEN" },
  ],
  state: async (d, c) => ({ review: await reviewState(d, c.review.id), listing: await d.select().from(listings).where(eq(listings.id, c.l.listing.id)) }),
  crossTenant: [],
});

describeSecurity(db, {
  name: "POST /marketplace/reviews/{id}/reply",
  handler: replyRoute.POST,
  method: "POST",
  setup: async (d) => {
    const c = await reviewed(d);
    return { ...c, tenant: c.partner };
  },
  path: (c) => `/api/v1/marketplace/reviews/${c.review.id}/reply`,
  params: (c) => ({ id: c.review.id }),
  body: () => ({ body: "Thank you for the review!" }),
  okStatus: 200,
  allowed: ["tenant:owner", "tenant:admin", "tenant:developer", "api_key:write:marketplace"],
  requiredScope: "write:marketplace",
  denied: [
    { actor: "tenant:billing", status: 403, code: "FORBIDDEN" },
    { actor: "other-tenant", status: 403, code: "FORBIDDEN" },
    { actor: "customer", status: 403, code: "FORBIDDEN" },
    { actor: "admin", status: 403, code: "FORBIDDEN" },
    { actor: "api_key:read:marketplace", status: 403, code: "INSUFFICIENT_SCOPE" },
    { actor: "other-tenant:api_key:write:marketplace", status: 403, code: "FORBIDDEN" },
  ],
  state: (d, c) => reviewState(d, c.review.id),
  crossTenant: [],
});

describeSecurity(db, {
  name: "POST /marketplace/reviews/{id}/report",
  handler: reportRoute.POST,
  method: "POST",
  setup: async (d) => {
    const c = await reviewed(d);
    return { ...c, tenant: c.partner };
  },
  path: (c) => `/api/v1/marketplace/reviews/${c.review.id}/report`,
  params: (c) => ({ id: c.review.id }),
  body: () => ({ reason: "Looks like an advert" }),
  okStatus: 201,
  // Anyone signed in, the listing's own partner included.
  allowed: ["customer", "user", "tenant:billing"],
  denied: [
    { actor: "api_key:write:marketplace", status: 403, code: "FORBIDDEN" },
    { actor: "api_key:read:marketplace", status: 403, code: "INSUFFICIENT_SCOPE" },
  ],
  state: (d, c) => d.select().from(reviewReports).where(eq(reviewReports.reviewId, c.review.id)),
  crossTenant: [],
});

describeSecurity(db, {
  name: "POST /marketplace/reviews/{id}/helpful",
  handler: helpfulRoute.POST,
  method: "POST",
  setup: async (d) => {
    const c = await reviewed(d);
    return { ...c, tenant: c.partner };
  },
  path: (c) => `/api/v1/marketplace/reviews/${c.review.id}/helpful`,
  params: (c) => ({ id: c.review.id }),
  okStatus: 200,
  allowed: ["customer", "user"],
  denied: [{ actor: "api_key:write:marketplace", status: 403, code: "FORBIDDEN" }],
  state: async (d, c) => ({ votes: await d.select().from(reviewVotes).where(eq(reviewVotes.reviewId, c.review.id)), review: await reviewState(d, c.review.id) }),
  crossTenant: [],
});

describeSecurity(db, {
  name: "GET /marketplace/review-reports",
  handler: reportsRoute.GET,
  method: "GET",
  setup: async (d) => {
    const c = await reviewed(d);
    const reporter = await createUser(d);
    await d.insert(reviewReports).values({ reviewId: c.review.id, reporterId: reporter.id, reason: "Spam" });
    return { ...c, tenant: c.partner };
  },
  path: () => "/api/v1/marketplace/review-reports",
  okStatus: 200,
  adminOnly: true,
  denied: [{ actor: "customer", status: 403, code: "FORBIDDEN" }],
});

describeSecurity(db, {
  name: "POST /marketplace/review-reports/{id}/dismiss",
  handler: dismissRoute.POST,
  method: "POST",
  setup: async (d) => {
    const c = await reviewed(d);
    const reporter = await createUser(d);
    const [report] = await d.insert(reviewReports).values({ reviewId: c.review.id, reporterId: reporter.id, reason: "Spam" }).returning();
    return { ...c, report, tenant: c.partner };
  },
  path: (c) => `/api/v1/marketplace/review-reports/${c.report.id}/dismiss`,
  params: (c) => ({ id: c.report.id }),
  okStatus: 200,
  adminOnly: true,
  denied: [{ actor: "customer", status: 403, code: "FORBIDDEN" }],
  state: (d, c) => d.select().from(reviewReports).where(eq(reviewReports.id, c.report.id)),
  ownedId: (c) => c.report.id,
});
