import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as listingRoute from "@/app/api/v1/marketplace/listings/[slug]/route";
import * as reviewsRoute from "@/app/api/v1/marketplace/listings/[slug]/reviews/route";
import * as dismissRoute from "@/app/api/v1/marketplace/review-reports/[id]/dismiss/route";
import * as reportsRoute from "@/app/api/v1/marketplace/review-reports/route";
import * as helpfulRoute from "@/app/api/v1/marketplace/reviews/[id]/helpful/route";
import * as replyRoute from "@/app/api/v1/marketplace/reviews/[id]/reply/route";
import * as reportRoute from "@/app/api/v1/marketplace/reviews/[id]/report/route";
import * as reviewRoute from "@/app/api/v1/marketplace/reviews/[id]/route";
import { listings, notifications, reviewReports } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { accountWithInstall, reviewableListing } from "@/lib/testing/marketplace-fixtures";
import { expectProblem } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import type { Problem } from "@/lib/http/problem";
import { flushListingStats } from "../listing-stats";
import type { ModeratedReview, ReviewPage, ReviewReportGroup } from "./schemas";

const db = useTestDb();
afterAll(() => flushListingStats(db()));

type Who = { cookie?: string; bearer?: string };

const post = (slug: string, who: Who, body: unknown) =>
  callRoute<ModeratedReview & Partial<Problem>>(reviewsRoute.POST, { path: `/api/v1/marketplace/listings/${slug}/reviews`, params: { slug }, ...who, body });
const list = (slug: string, who: Who = {}) => callRoute<ReviewPage>(reviewsRoute.GET, { path: `/api/v1/marketplace/listings/${slug}/reviews`, params: { slug }, ...who });
const patch = (id: string, who: Who, body: unknown) =>
  callRoute<ModeratedReview & Partial<Problem>>(reviewRoute.PATCH, { method: "PATCH", path: `/api/v1/marketplace/reviews/${id}`, params: { id }, ...who, body });
const report = (id: string, who: Who, body: unknown) => callRoute(reportRoute.POST, { path: `/api/v1/marketplace/reviews/${id}/report`, params: { id }, ...who, body });
const queue = (who: Who, params: Record<string, string> = {}) =>
  callRoute<{ data: ReviewReportGroup[]; nextCursor: string | null }>(reportsRoute.GET, { path: `/api/v1/marketplace/review-reports?${new URLSearchParams(params)}`, ...who });
const dismiss = (id: string, who: Who) =>
  callRoute<ReviewReportGroup>(dismissRoute.POST, { method: "POST", path: `/api/v1/marketplace/review-reports/${id}/dismiss`, params: { id }, ...who });
const vote = (id: string, who: Who) => callRoute(helpfulRoute.POST, { method: "POST", path: `/api/v1/marketplace/reviews/${id}/helpful`, params: { id }, ...who });
const reply = (id: string, who: Who, body: unknown) => callRoute(replyRoute.POST, { path: `/api/v1/marketplace/reviews/${id}/reply`, params: { id }, ...who, body });
const listingPage = (slug: string) => callRoute(listingRoute.GET, { path: `/api/v1/marketplace/listings/${slug}`, params: { slug } });

const good = (rating: number, title = "A review") => ({ rating, title, body: "What we found after a month." });
const signedIn = async () => ({ cookie: await sessionCookie((await createUser(db())).id) });
const admin = async () => ({ cookie: await sessionCookie((await createUser(db(), { admin: true })).id) });

/** Two reviews (5★ and 2★) of a new listing, by two installs. */
async function twoReviews() {
  const l = await reviewableListing(db());
  const a = await accountWithInstall(db(), l);
  const b = await accountWithInstall(db(), l);
  const five = (await post(l.slug, a, good(5, "Great"))).body;
  const two = (await post(l.slug, b, good(2, "Buy this instead: spam.example"))).body;
  return { l, a, b, five, two };
}

describe("hiding a review", () => {
  it("takes it out of the list, the average, the histogram and the listing's rating; restoring brings it back", async () => {
    const { l, b, two, five } = await twoReviews();
    const moderator = await admin();

    expectProblem(await patch(two.id, moderator, { hidden: true }), 422, "VALIDATION_FAILED");
    expect((await patch(two.id, moderator, { hidden: true, reason: "  " })).body.errors!.map((e: { path: string }) => e.path)).toContain("reason");
    expectProblem(await patch(two.id, b, { hidden: true, reason: "I want it gone" }), 403, "FORBIDDEN");
    expectProblem(await patch(two.id, l.owner, { hidden: true, reason: "We dislike it" }), 403, "FORBIDDEN");
    const adminKey = await createApiKey(db(), l.partnerId, { scopes: ["write:marketplace"] });
    expectProblem(await patch(two.id, { bearer: adminKey.key }, { hidden: true, reason: "We dislike it" }), 403, "FORBIDDEN");

    const hidden = await patch(two.id, moderator, { hidden: true, reason: "Advertises another product" });
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.body).toMatchObject({ id: two.id, hidden: true, hiddenReason: "Advertises another product", hiddenAt: expect.any(String) });

    const page = await list(l.slug);
    expect(page.body.data.map((r) => r.id)).toEqual([five.id]);
    expect(page.body.summary).toEqual({ average: 5, count: 1, histogram: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 1 } });
    const listing = await listingPage(l.slug);
    expect(listing.body.rating).toEqual({ average: 5, count: 1 });
    expect(listing.body.ratingHistogram).toEqual({ "1": 0, "2": 0, "3": 0, "4": 0, "5": 1 });
    const [row] = await db().select({ count: listings.ratingCount, sum: listings.ratingSum }).from(listings).where(eq(listings.id, l.listing.id));
    expect(row).toEqual({ count: 1, sum: 5 });

    // Hiding twice moves nothing twice.
    expect((await patch(two.id, moderator, { hidden: true, reason: "Advertises another product (checked again)" })).status).toBe(200);
    expect((await listingPage(l.slug)).body.rating).toEqual({ average: 5, count: 1 });

    // The author still sees it, marked; nobody else reaches it.
    const asAuthor = await list(l.slug, b);
    expect(asAuthor.body.data.map((r) => r.id)).toEqual([five.id]);
    expect(asAuthor.body.viewer.review).toMatchObject({ id: two.id, hidden: true, hiddenReason: "Advertises another product (checked again)" });
    expect(asAuthor.body.viewer.blocker).toBe("already_reviewed");
    const stranger = await signedIn();
    expectProblem(await vote(two.id, stranger), 404, "NOT_FOUND");
    expectProblem(await report(two.id, stranger, { reason: "Spam" }), 404, "NOT_FOUND");
    expectProblem(await patch(two.id, stranger, { rating: 5 }), 404, "NOT_FOUND");
    expectProblem(await reply(two.id, l.owner, { body: "Hm" }), 404, "NOT_FOUND");
    // The author may still change it; it stays out of the counters.
    const edited = await patch(two.id, b, { rating: 1 });
    expect(edited.status, edited.text).toBe(200);
    expect((await listingPage(l.slug)).body.rating).toEqual({ average: 5, count: 1 });
    const notes = await db().select().from(notifications).where(eq(notifications.userId, b.user.id));
    expect(notes.map((n) => n.kind)).toEqual(["review.hidden"]);

    const restored = await patch(two.id, moderator, { hidden: false });
    expect(restored.body).toMatchObject({ hidden: false, hiddenReason: null, hiddenAt: null, rating: 1 });
    expect((await listingPage(l.slug)).body.rating).toEqual({ average: 3, count: 2 });
    expect((await list(l.slug)).body.summary.histogram).toEqual({ "1": 1, "2": 0, "3": 0, "4": 0, "5": 1 });
    // Restoring a visible review changes nothing.
    expect((await patch(two.id, moderator, { hidden: false })).status).toBe(200);
    expect((await listingPage(l.slug)).body.rating).toEqual({ average: 3, count: 2 });
    expectProblem(await patch(two.id, moderator, { hidden: false, reason: "because" }), 422, "VALIDATION_FAILED");
  });
});

describe("reports and the moderation queue", () => {
  it("report → queue (one entry per review, with count and reasons) → dismiss; a repeat report is the same report", async () => {
    const { l, a, five, two } = await twoReviews();
    const moderator = await admin();
    const r1 = await signedIn();
    const r2 = await signedIn();

    const first = await report(two.id, r1, { reason: "Spam: links to a competitor" });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ reviewId: two.id, reason: "Spam: links to a competitor", status: "open" });
    const repeat = await report(two.id, r1, { reason: "Spam, again" });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    expect(repeat.body.reason).toBe("Spam: links to a competitor");
    expect((await report(two.id, r2, { reason: "Off-topic" })).status).toBe(201);
    expect((await report(five.id, r2, { reason: "Looks fake" })).status).toBe(201);
    // Reported a minute later, whatever the clock's resolution.
    await db().execute(sql`update review_reports set created_at = created_at + interval '1 minute' where review_id = ${five.id}`);
    expectProblem(await report(five.id, a, { reason: "Mine" }), 403, "FORBIDDEN");
    expectProblem(await report(five.id, r1, { reason: "x" }), 422, "VALIDATION_FAILED");
    expect(await db().select().from(reviewReports).where(eq(reviewReports.reviewId, two.id))).toHaveLength(2);

    expectProblem(await queue(r1), 403, "FORBIDDEN");
    expectProblem(await queue(l.owner), 403, "FORBIDDEN");
    const open = await queue(moderator);
    expect(open.status, open.text).toBe(200);
    const mine = open.body.data.filter((g) => g.listing.slug === l.slug);
    // Oldest first: the 2★ review was reported first.
    expect(mine.map((g) => [g.review.id, g.reportCount])).toEqual([
      [two.id, 2],
      [five.id, 1],
    ]);
    const entry = mine[0];
    expect(entry).toMatchObject({ id: first.body.id, status: "open", resolution: null, review: { rating: 2, hidden: false }, listing: { slug: l.slug, name: l.listing.name } });
    expect(entry.reports.map((r) => r.reason).sort()).toEqual(["Off-topic", "Spam: links to a competitor"]);
    expect(JSON.stringify(open.body)).not.toMatch(/@example\.test/);

    const dismissed = await dismiss(entry.id, moderator);
    expect(dismissed.status, dismissed.text).toBe(200);
    expect(dismissed.body).toMatchObject({ status: "resolved", resolution: "dismissed", reportCount: 2, review: { id: two.id, hidden: false } });
    expect(dismissed.body.resolvedBy).not.toBeNull();
    expectProblem(await dismiss(entry.id, moderator), 409, "CONFLICT");
    expectProblem(await dismiss(randomUUID(), moderator), 404, "NOT_FOUND");
    expectProblem(await dismiss("nope", moderator), 404, "NOT_FOUND");
    expectProblem(await dismiss(mine[1].id, r1), 403, "FORBIDDEN");

    const stillOpen = (await queue(moderator)).body.data.filter((g) => g.listing.slug === l.slug);
    expect(stillOpen.map((g) => g.review.id)).toEqual([five.id]);
    const resolved = (await queue(moderator, { status: "resolved" })).body.data.filter((g) => g.listing.slug === l.slug);
    expect(resolved.map((g) => [g.review.id, g.resolution])).toEqual([[two.id, "dismissed"]]);
    // The review stays on the page.
    expect((await list(l.slug)).body.data.map((r) => r.id)).toContain(two.id);

    // Hiding answers the open reports as "hidden".
    expect((await patch(five.id, moderator, { hidden: true, reason: "Fake review" })).status).toBe(200);
    expect((await queue(moderator)).body.data.filter((g) => g.listing.slug === l.slug)).toEqual([]);
    const after = (await queue(moderator, { status: "resolved" })).body.data.filter((g) => g.listing.slug === l.slug);
    expect(after.map((g) => [g.review.id, g.resolution, g.review.hidden])).toEqual([
      [five.id, "hidden", true],
      [two.id, "dismissed", false],
    ]);
    expect((await db().select().from(reviewReports).where(eq(reviewReports.reviewId, five.id)))[0]).toMatchObject({ resolution: "hidden" });
  });

  it("pages through the queue", async () => {
    const moderator = await admin();
    const l = await reviewableListing(db());
    const reporter = await signedIn();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await accountWithInstall(db(), l);
      const id = (await post(l.slug, r, good(3))).body.id;
      await report(id, reporter, { reason: `Reason ${i}` });
      ids.push(id);
    }
    // Distinct report times, oldest first in the order written.
    for (const [i, id] of ids.entries()) {
      await db().update(reviewReports).set({ createdAt: new Date(Date.now() - (10 - i) * 60_000) }).where(eq(reviewReports.reviewId, id));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof queue>> = await queue(moderator, { limit: "2", ...(cursor ? { cursor } : {}) });
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.data.map((g) => g.review.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const mine = seen.filter((id) => ids.includes(id));
    expect(new Set(mine).size).toBe(5);
    expect(seen.length).toBe(new Set(seen).size);
    expect((await queue(moderator, { cursor: "garbage" })).status).toBe(400);
    expect((await queue(moderator, { status: "everything" })).status).toBe(422);
  });
});
