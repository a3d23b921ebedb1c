import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as listingRoute from "@/app/api/v1/marketplace/listings/[slug]/route";
import * as reviewsRoute from "@/app/api/v1/marketplace/listings/[slug]/reviews/route";
import * as helpfulRoute from "@/app/api/v1/marketplace/reviews/[id]/helpful/route";
import * as replyRoute from "@/app/api/v1/marketplace/reviews/[id]/reply/route";
import * as reviewRoute from "@/app/api/v1/marketplace/reviews/[id]/route";
import { accountMembers, integrations, listings, marketplaceTotals, notifications, oauthClients, partnerMembers, reviews, reviewVotes } from "@/db/schema";
import { installToken } from "@/lib/testing/application-fixtures";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { addPartnerMember, createAccountWithMember, createApiKey, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { accountWithInstall, reviewableListing } from "@/lib/testing/marketplace-fixtures";
import { expectProblem } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import type { Problem } from "@/lib/http/problem";
import { flushListingStats } from "../listing-stats";
import type { ModeratedReview, Review, ReviewPage } from "./schemas";

const db = useTestDb();
afterAll(() => flushListingStats(db()));

// ---- calls -------------------------------------------------------------------------------

type Who = { cookie?: string; bearer?: string };

const reviewsPath = (slug: string) => `/api/v1/marketplace/listings/${slug}/reviews`;
const post = (slug: string, who: Who, body: unknown, headers?: Record<string, string>) =>
  callRoute<ModeratedReview & Partial<Problem>>(reviewsRoute.POST, { path: reviewsPath(slug), params: { slug }, ...who, body, headers });
const list = (slug: string, who: Who = {}, params: Record<string, string> = {}) =>
  callRoute<ReviewPage>(reviewsRoute.GET, { path: `${reviewsPath(slug)}?${new URLSearchParams(params)}`, params: { slug }, ...who });
const patch = (id: string, who: Who, body: unknown) =>
  callRoute<ModeratedReview & Partial<Problem>>(reviewRoute.PATCH, { method: "PATCH", path: `/api/v1/marketplace/reviews/${id}`, params: { id }, ...who, body });
const remove = (id: string, who: Who) => callRoute(reviewRoute.DELETE, { method: "DELETE", path: `/api/v1/marketplace/reviews/${id}`, params: { id }, ...who });
const reply = (id: string, who: Who, body: unknown) =>
  callRoute<Review>(replyRoute.POST, { path: `/api/v1/marketplace/reviews/${id}/reply`, params: { id }, ...who, body });
const vote = (id: string, who: Who) => callRoute(helpfulRoute.POST, { method: "POST", path: `/api/v1/marketplace/reviews/${id}/helpful`, params: { id }, ...who });
const unvote = (id: string, who: Who) => callRoute(helpfulRoute.DELETE, { method: "DELETE", path: `/api/v1/marketplace/reviews/${id}/helpful`, params: { id }, ...who });
const listingPage = (slug: string) => callRoute(listingRoute.GET, { path: `/api/v1/marketplace/listings/${slug}`, params: { slug } });

const good = (over: Record<string, unknown> = {}) => ({ rating: 5, title: "Saves us hours", body: "Claims land in our system within a minute.", ...over });

async function adminCookie() {
  return sessionCookie((await createUser(db(), { admin: true })).id);
}

/** The listing row's counters, and what the visible review rows say they should be. */
async function counters(listingId: string) {
  const [l] = await db().select({ count: listings.ratingCount, sum: listings.ratingSum }).from(listings).where(eq(listings.id, listingId));
  const [v] = await db()
    .select({ count: sql<number>`count(*)::int`, sum: sql<number>`coalesce(sum(${reviews.rating}), 0)::int` })
    .from(reviews)
    .where(and(eq(reviews.listingId, listingId), sql`${reviews.hiddenAt} is null`));
  return { stored: { count: l.count, sum: l.sum }, visible: { count: Number(v.count), sum: Number(v.sum) } };
}

/** The listing page, the reviews summary and the rows all tell the same story. */
async function expectConsistent(slug: string, listingId: string, expected: { count: number; sum: number; histogram: Record<string, number> }) {
  const c = await counters(listingId);
  expect(c.stored).toEqual({ count: expected.count, sum: expected.sum });
  expect(c.visible).toEqual(c.stored);
  const average = expected.count ? Math.round((expected.sum / expected.count) * 10) / 10 : null;
  const page = await listingPage(slug);
  expect(page.status, page.text).toBe(200);
  expect(page.body.rating).toEqual({ average, count: expected.count });
  expect(page.body.ratingHistogram).toEqual(expected.histogram);
  const reviewsPage = await list(slug);
  expect(reviewsPage.body.summary).toEqual({ average, count: expected.count, histogram: expected.histogram });
  // The catalogue mean C (marketplace_totals) follows every listing's counters.
  const [totals] = await db().select().from(marketplaceTotals);
  const [sums] = await db()
    .select({ sum: sql<number>`coalesce(sum(${listings.ratingSum}), 0)::bigint`, count: sql<number>`coalesce(sum(${listings.ratingCount}), 0)::bigint` })
    .from(listings);
  expect({ sum: Number(totals.ratingSum), count: Number(totals.ratingCount) }).toEqual({ sum: Number(sums.sum), count: Number(sums.count) });
}

const histogram = (h: Partial<Record<"1" | "2" | "3" | "4" | "5", number>> = {}) => ({ "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, ...h });

function expectFields(res: CallResult, fields: string[]) {
  expect(res.status, res.text).toBe(422);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const paths = res.body.errors.map((e: { path: string }) => e.path);
  for (const f of fields) expect(paths, JSON.stringify(res.body.errors)).toContain(f);
}

// ---- who may review ----------------------------------------------------------------------

describe("POST /marketplace/listings/{slug}/reviews: who may review", () => {
  it("a member of an account with the app installed reviews it: 201, counted on the listing, the partner is told", async () => {
    const l = await reviewableListing(db(), "Gannet Claims");
    const r = await accountWithInstall(db(), l);
    const res = await post(l.slug, r, good({ rating: 4 }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      rating: 4,
      title: "Saves us hours",
      body: "Claims land in our system within a minute.",
      author: { name: r.user.name },
      account: { name: r.account.name },
      editedAt: null,
      helpfulCount: 0,
      own: true,
      viewerVoted: false,
      reply: null,
      hidden: false,
    });
    expect(res.text).not.toContain(r.user.email);
    await expectConsistent(l.slug, l.listing.id, { count: 1, sum: 4, histogram: histogram({ "4": 1 }) });
    const notes = await db().select().from(notifications).where(eq(notifications.userId, l.owner.user.id));
    expect(notes.map((n) => [n.kind, n.title])).toEqual([["review.created", "New 4-star review of Gannet Claims"]]);
  });

  it("refuses an account without an install, and one whose install is still pending, with 403 NOT_INSTALLED", async () => {
    const l = await reviewableListing(db());
    const stranger = await createAccountWithMember(db());
    const res = await post(l.slug, { cookie: await sessionCookie(stranger.user.id) }, good());
    expectProblem(res, 403, "NOT_INSTALLED");
    const pending = await accountWithInstall(db(), l, { status: "pending" });
    expectProblem(await post(l.slug, pending, good()), 403, "NOT_INSTALLED");
    // An install of another app does not count.
    const other = await reviewableListing(db());
    const elsewhere = await accountWithInstall(db(), other);
    expectProblem(await post(l.slug, elsewhere, good()), 403, "NOT_INSTALLED");
    await expectConsistent(l.slug, l.listing.id, { count: 0, sum: 0, histogram: histogram() });
  });

  it("lets an account that uninstalled 44 days ago review, not one that uninstalled 46 days ago", async () => {
    const l = await reviewableListing(db());
    const recent = await accountWithInstall(db(), l, { uninstalledDaysAgo: 44 });
    expect((await post(l.slug, recent, good())).status).toBe(201);
    const old = await accountWithInstall(db(), l, { uninstalledDaysAgo: 46 });
    expectProblem(await post(l.slug, old, good()), 403, "NOT_INSTALLED");
    // The same account, with the date moved past the window by hand: the rule reads the column, not a cache.
    const moved = await accountWithInstall(db(), l, { uninstalledDaysAgo: 10 });
    await db().execute(sql`update integrations set uninstalled_at = now() - interval '46 days' where id = ${moved.integration.id}`);
    expectProblem(await post(l.slug, moved, good()), 403, "NOT_INSTALLED");
    await db().execute(sql`update integrations set uninstalled_at = now() - interval '44 days' where id = ${moved.integration.id}`);
    expect((await post(l.slug, moved, good())).status).toBe(201);
  });

  it("answers a second review by the same user with 409 ALREADY_REVIEWED and changes nothing", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    expect((await post(l.slug, r, good({ rating: 5 }))).status).toBe(201);
    const again = await post(l.slug, r, good({ rating: 1, body: "Changed my mind" }));
    expectProblem(again, 409, "ALREADY_REVIEWED");
    await expectConsistent(l.slug, l.listing.id, { count: 1, sum: 5, histogram: histogram({ "5": 1 }) });
    // Another member of the same account has a review of their own.
    const colleague = await colleagueOf(r.account.id);
    expect((await post(l.slug, colleague, good({ rating: 3 }))).status).toBe(201);
  });

  it("refuses members of the listing's own partner with 403, even when their account has it installed", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    await db().insert(partnerMembers).values({ partnerId: l.partnerId, userId: r.user.id, role: "developer" });
    const res = await post(l.slug, r, good());
    expectProblem(res, 403, "FORBIDDEN");
    expect(res.body.detail).toMatch(/partner cannot review/);
    const list1 = await list(l.slug, r);
    expect(list1.body.viewer).toMatchObject({ canReview: false, blocker: "own_partner", canReply: true });
  });

  it("needs a person: a partner API key with write:marketplace is refused; an OAuth token a member authorized reviews for its account", async () => {
    const l = await reviewableListing(db());
    const key = await createApiKey(db(), l.partnerId, { scopes: ["write:marketplace"] });
    expectProblem(await post(l.slug, { bearer: key.key }, good()), 403, "FORBIDDEN");

    await db().insert(oauthClients).values({ partnerId: l.partnerId, applicationId: l.app.id, name: "Reviewed app", clientId: `client-${randomUUID()}`, type: "confidential" });
    const writer = await installToken(db(), l.app.id, ["write:marketplace"]);
    const reader = await installToken(db(), l.app.id, ["read:marketplace"]);
    expectProblem(await post(l.slug, { bearer: writer.token }, good()), 403, "NOT_INSTALLED");
    for (const t of [writer, reader]) {
      await db()
        .insert(integrations)
        .values({ accountId: t.account.id, applicationId: l.app.id, listingId: l.listing.id, partnerId: l.partnerId, installedBy: t.user.id, status: "active" });
    }
    expectProblem(await post(l.slug, { bearer: reader.token }, good()), 403, "INSUFFICIENT_SCOPE");
    const res = await post(l.slug, { bearer: writer.token }, good({ rating: 2 }));
    expect(res.status, res.text).toBe(201);
    expect(res.body.account.name).toBe(writer.account.name);
    expect(res.headers.get("ratelimit-limit")).toBeTruthy();
  });

  it("answers 401 without a credential and 404 for an unknown or unlisted listing", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    expectProblem(await post(l.slug, {}, good()), 401, "UNAUTHENTICATED");
    expectProblem(await post("no-such-listing", r, good()), 404, "NOT_FOUND");
    await db().update(listings).set({ status: "delisted" }).where(eq(listings.id, l.listing.id));
    expectProblem(await post(l.slug, r, good()), 404, "NOT_FOUND");
    expectProblem(await list(l.slug), 404, "NOT_FOUND");
  });

  it("refuses bad fields with 422 naming each", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    const cases: [Record<string, unknown>, string][] = [
      [{ rating: 0 }, "rating"],
      [{ rating: 6 }, "rating"],
      [{ rating: 4.5 }, "rating"],
      [{ rating: "5" }, "rating"],
      [{ rating: undefined }, "rating"],
      [{ body: undefined }, "body"],
      [{ body: "   " }, "body"],
      [{ body: "x".repeat(5001) }, "body"],
      [{ title: "x".repeat(121) }, "title"],
      [{ title: "Bell\u0007" }, "title"],
      [{ title: "Two\nlines" }, "title"],
      [{ body: "Escape \u001b[31m" }, "body"],
      [{ hidden: true }, "hidden"],
    ];
    for (const [over, field] of cases) expectFields(await post(l.slug, r, good(over)), [field]);
    // At the limits, with line breaks in the body, is fine.
    const ok = await post(l.slug, r, good({ title: "x".repeat(120), body: `${"y".repeat(4000)}\n\nSecond paragraph.` }));
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.body).toContain("\n\nSecond paragraph.");
  });

  it("replays a POST with the same Idempotency-Key and stores one review", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    const headers = { "idempotency-key": `review-${randomUUID()}` };
    const first = await post(l.slug, r, good(), headers);
    expect(first.status).toBe(201);
    const second = await post(l.slug, r, good(), headers);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    expect(await db().select().from(reviews).where(eq(reviews.listingId, l.listing.id))).toHaveLength(1);
    await expectConsistent(l.slug, l.listing.id, { count: 1, sum: 5, histogram: histogram({ "5": 1 }) });
  });

  it("keeps the counters right under 10 reviews posted at once by different users", async () => {
    const l = await reviewableListing(db());
    const reviewers = await Promise.all(Array.from({ length: 10 }, () => accountWithInstall(db(), l)));
    const ratings = [5, 4, 3, 5, 1, 2, 5, 4, 4, 3];
    const results = await Promise.all(reviewers.map((r, i) => post(l.slug, r, good({ rating: ratings[i] }))));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const sum = ratings.reduce((a, b) => a + b, 0);
    await expectConsistent(l.slug, l.listing.id, { count: 10, sum, histogram: histogram({ "1": 1, "2": 1, "3": 2, "4": 3, "5": 3 }) });
    // And the same user ten times at once: one review.
    const one = await accountWithInstall(db(), l);
    const burst = await Promise.all(Array.from({ length: 10 }, () => post(l.slug, one, good({ rating: 2 }))));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 409).every((r) => r.body.code === "ALREADY_REVIEWED")).toBe(true);
    await expectConsistent(l.slug, l.listing.id, { count: 11, sum: sum + 2, histogram: histogram({ "1": 1, "2": 2, "3": 2, "4": 3, "5": 3 }) });
  });
});

/** Another member of an account (role member), signed in. */
async function colleagueOf(accountId: string) {
  const user = await createUser(db());
  await db().insert(accountMembers).values({ accountId, userId: user.id, role: "member" });
  return { user, cookie: await sessionCookie(user.id) };
}

// ---- edit and delete -----------------------------------------------------------------------

describe("PATCH and DELETE /marketplace/reviews/{id}", () => {
  it("the author edits: the review is marked edited and the listing's rating follows; an edit that changes nothing marks nothing", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    const created = await post(l.slug, r, good({ rating: 5 }));
    const id = created.body.id;

    const same = await patch(id, r, { rating: 5, title: "Saves us hours" });
    expect(same.status, same.text).toBe(200);
    expect(same.body.editedAt).toBeNull();

    const edited = await patch(id, r, { rating: 2, body: "It stopped syncing after the last update." });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ rating: 2, title: "Saves us hours", body: "It stopped syncing after the last update." });
    expect(edited.body.editedAt).toEqual(expect.any(String));
    expect(edited.body.createdAt).toBe(created.body.createdAt);
    await expectConsistent(l.slug, l.listing.id, { count: 1, sum: 2, histogram: histogram({ "2": 1 }) });
    const shown = await list(l.slug);
    expect(shown.body.data[0]).toMatchObject({ id, rating: 2, editedAt: edited.body.editedAt });

    // Title cleared: "" is allowed.
    expect((await patch(id, r, { title: "" })).body.title).toBe("");
    expectFields(await patch(id, r, {}), ["(root)"]);
    expectFields(await patch(id, r, { rating: 7 }), ["rating"]);
    expectFields(await patch(id, r, { rating: 3, hidden: true, reason: "spam" }), ["rating"]);
  });

  it("nobody else edits it: another user, a colleague and an admin get 403; an unknown id is 404", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    const id = (await post(l.slug, r, good({ rating: 5 }))).body.id;
    const colleague = await colleagueOf(r.account.id);
    const stranger = await accountWithInstall(db(), l);
    for (const who of [colleague, stranger, { cookie: await adminCookie() }, l.owner]) {
      expectProblem(await patch(id, who, { rating: 1 }), 403, "FORBIDDEN");
    }
    expectProblem(await patch(randomUUID(), r, { rating: 1 }), 404, "NOT_FOUND");
    expectProblem(await patch("not-a-uuid", r, { rating: 1 }), 404, "NOT_FOUND");
    await expectConsistent(l.slug, l.listing.id, { count: 1, sum: 5, histogram: histogram({ "5": 1 }) });
  });

  it("the author (or an admin) deletes: 204, and the rating leaves the listing; others get 403", async () => {
    const l = await reviewableListing(db());
    const a = await accountWithInstall(db(), l);
    const b = await accountWithInstall(db(), l);
    const idA = (await post(l.slug, a, good({ rating: 5 }))).body.id;
    const idB = (await post(l.slug, b, good({ rating: 1 }))).body.id;
    expectProblem(await remove(idA, b), 403, "FORBIDDEN");
    expect((await remove(idA, a)).status).toBe(204);
    await expectConsistent(l.slug, l.listing.id, { count: 1, sum: 1, histogram: histogram({ "1": 1 }) });
    expectProblem(await remove(idA, a), 404, "NOT_FOUND");
    expect((await remove(idB, { cookie: await adminCookie() })).status).toBe(204);
    await expectConsistent(l.slug, l.listing.id, { count: 0, sum: 0, histogram: histogram() });
    // Deleted, the author may write a new one.
    expect((await post(l.slug, a, good({ rating: 3 }))).status).toBe(201);
  });
});

// ---- replies -------------------------------------------------------------------------------

describe("POST /marketplace/reviews/{id}/reply", () => {
  it("the partner replies once, then edits the reply (marked edited); the author hears of the first reply only", async () => {
    const l = await reviewableListing(db(), "Heron Policies");
    const r = await accountWithInstall(db(), l);
    const id = (await post(l.slug, r, good({ rating: 2 }))).body.id;

    const first = await reply(id, l.owner, { body: "Sorry to hear that: the fix ships on Monday." });
    expect(first.status, first.text).toBe(200);
    expect(first.body.reply).toEqual({ body: "Sorry to hear that: the fix ships on Monday.", createdAt: expect.any(String), editedAt: null });

    const developer = await addPartnerMember(db(), l.partnerId, "developer");
    const second = await reply(id, { cookie: await sessionCookie(developer.id) }, { body: "Update: the fix is live." });
    expect(second.status, second.text).toBe(200);
    expect(second.body.reply).toEqual({ body: "Update: the fix is live.", createdAt: first.body.reply!.createdAt, editedAt: expect.any(String) });

    const shown = (await list(l.slug)).body.data.find((d) => d.id === id)!;
    expect(shown.reply).toEqual(second.body.reply);
    const notes = await db().select().from(notifications).where(eq(notifications.userId, r.user.id));
    expect(notes.map((n) => [n.kind, n.title])).toEqual([["review.replied", expect.stringContaining("replied to your review of Heron Policies")]]);
    const rows = await db().select().from(reviews).where(eq(reviews.id, id));
    expect(rows).toHaveLength(1);
    expect(rows[0].partnerReplyBy).toBe(developer.id);
  });

  it("only the listing's partner (owner, admin, developer or its key) replies; billing members, other partners, admins and the author get 403", async () => {
    const l = await reviewableListing(db());
    const r = await accountWithInstall(db(), l);
    const id = (await post(l.slug, r, good())).body.id;
    const billing = await addPartnerMember(db(), l.partnerId, "billing");
    const otherPartner = await reviewableListing(db());
    for (const who of [{ cookie: await sessionCookie(billing.id) }, otherPartner.owner, { cookie: await adminCookie() }, r]) {
      expectProblem(await reply(id, who, { body: "Thanks!" }), 403, "FORBIDDEN");
    }
    const readKey = await createApiKey(db(), l.partnerId, { scopes: ["read:marketplace"] });
    expectProblem(await reply(id, { bearer: readKey.key }, { body: "Thanks!" }), 403, "INSUFFICIENT_SCOPE");
    const otherKey = await createApiKey(db(), otherPartner.partnerId, { scopes: ["write:marketplace"] });
    expectProblem(await reply(id, { bearer: otherKey.key }, { body: "Thanks!" }), 403, "FORBIDDEN");
    expect((await db().select().from(reviews).where(eq(reviews.id, id)))[0].partnerReply).toBeNull();

    const key = await createApiKey(db(), l.partnerId, { scopes: ["write:marketplace"] });
    const res = await reply(id, { bearer: key.key }, { body: "Thanks from the team!" });
    expect(res.status, res.text).toBe(200);
    expect(res.body.reply?.body).toBe("Thanks from the team!");
    expectFields(await reply(id, l.owner, { body: "" }), ["body"]);
    expectFields(await reply(id, l.owner, { body: "x".repeat(5001) }), ["body"]);
  });
});

// ---- helpful -----------------------------------------------------------------------------

describe("POST and DELETE /marketplace/reviews/{id}/helpful", () => {
  it("one vote per user, none on one's own review; the count and viewerVoted follow; sort=helpful uses them", async () => {
    const l = await reviewableListing(db());
    const author = await accountWithInstall(db(), l);
    const other = await accountWithInstall(db(), l);
    const id = (await post(l.slug, author, good({ rating: 4 }))).body.id;
    const otherId = (await post(l.slug, other, good({ rating: 3 }))).body.id;
    const voter = { cookie: await sessionCookie((await createUser(db())).id) };

    expect((await vote(id, voter)).body).toEqual({ reviewId: id, helpfulCount: 1, viewerVoted: true });
    expect((await vote(id, voter)).body).toEqual({ reviewId: id, helpfulCount: 1, viewerVoted: true });
    expect((await vote(id, other)).body.helpfulCount).toBe(2);
    expectProblem(await vote(id, author), 403, "FORBIDDEN");
    expect(await db().select().from(reviewVotes).where(eq(reviewVotes.reviewId, id))).toHaveLength(2);

    const asVoter = await list(l.slug, voter, { sort: "helpful" });
    expect(asVoter.body.data.map((d) => [d.id, d.helpfulCount, d.viewerVoted])).toEqual([
      [id, 2, true],
      [otherId, 0, false],
    ]);
    expect((await list(l.slug)).body.data[0]).not.toHaveProperty("viewerVoted");

    expect((await unvote(id, voter)).body).toEqual({ reviewId: id, helpfulCount: 1, viewerVoted: false });
    expect((await unvote(id, voter)).body.helpfulCount).toBe(1);
    expectProblem(await vote(randomUUID(), voter), 404, "NOT_FOUND");
    expectProblem(await vote(id, {}), 401, "UNAUTHENTICATED");
    const key = await createApiKey(db(), l.partnerId, { scopes: ["write:marketplace"] });
    expectProblem(await vote(id, { bearer: key.key }), 403, "FORBIDDEN");
  });

  it("counts 10 votes at once exactly", async () => {
    const l = await reviewableListing(db());
    const author = await accountWithInstall(db(), l);
    const id = (await post(l.slug, author, good())).body.id;
    const voters = await Promise.all(Array.from({ length: 10 }, async () => ({ cookie: await sessionCookie((await createUser(db())).id) })));
    const res = await Promise.all(voters.map((v) => vote(id, v)));
    expect(res.map((r) => r.status)).toEqual(Array(10).fill(200));
    const [row] = await db().select({ n: reviews.helpfulCount }).from(reviews).where(eq(reviews.id, id));
    expect(row.n).toBe(10);
  });
});

// ---- the list ------------------------------------------------------------------------------

describe("GET /marketplace/listings/{slug}/reviews", () => {
  it("pages through every sort without gaps or repeats, filters by stars, and says what the caller may do", async () => {
    const l = await reviewableListing(db());
    const ratings = [3, 5, 1, 4, 5, 2, 4];
    const ids: string[] = [];
    for (const [i, rating] of ratings.entries()) {
      const r = await accountWithInstall(db(), l);
      const res = await post(l.slug, r, good({ rating, title: `Review ${i}` }));
      ids.push(res.body.id);
      // Distinct, known creation times (newest last).
      await db().update(reviews).set({ createdAt: new Date(Date.now() - (10 - i) * 60_000) }).where(eq(reviews.id, res.body.id));
    }
    await db().update(reviews).set({ helpfulCount: 7 }).where(eq(reviews.id, ids[2]));
    await db().update(reviews).set({ helpfulCount: 3 }).where(eq(reviews.id, ids[5]));

    async function walk(params: Record<string, string>) {
      const seen: Review[] = [];
      let cursor: string | null = null;
      do {
        const res: CallResult<ReviewPage> = await list(l.slug, {}, { ...params, limit: "2", ...(cursor ? { cursor } : {}) });
        expect(res.status, res.text).toBe(200);
        seen.push(...res.body.data);
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    }
    const newest = await walk({});
    expect(newest.map((r) => r.id)).toEqual([...ids].reverse());
    const helpful = await walk({ sort: "helpful" });
    expect(helpful.map((r) => r.id)).toEqual([ids[2], ids[5], ...[...ids].reverse().filter((id) => id !== ids[2] && id !== ids[5])]);
    const lowest = await walk({ sort: "lowest" });
    expect(lowest.map((r) => r.rating)).toEqual([1, 2, 3, 4, 4, 5, 5]);
    // Ties on rating: newest first.
    expect(lowest.slice(3, 5).map((r) => r.id)).toEqual([ids[6], ids[3]]);
    const fives = await walk({ rating: "5" });
    expect(fives.map((r) => r.id)).toEqual([ids[4], ids[1]]);

    const first = await list(l.slug, {}, { limit: "2" });
    expect(first.body.summary).toEqual({ average: 3.4, count: 7, histogram: histogram({ "1": 1, "2": 1, "3": 1, "4": 2, "5": 2 }) });
    expect(first.body.viewer).toEqual({ signedIn: false, canReview: false, blocker: "sign_in", review: null, canReply: false, canModerate: false });
    // A cursor of one sort is no cursor for another; garbage is a 400.
    expect((await list(l.slug, {}, { sort: "lowest", cursor: first.body.nextCursor! })).status).toBe(400);
    expect((await list(l.slug, {}, { cursor: "garbage" })).status).toBe(400);
    expect((await list(l.slug, {}, { rating: "6" })).status).toBe(422);
    expect((await list(l.slug, {}, { sort: "best" })).status).toBe(422);

    const installed = await accountWithInstall(db(), l);
    expect((await list(l.slug, installed)).body.viewer).toMatchObject({ signedIn: true, canReview: true, blocker: null, review: null, canReply: false });
    const customer = await createAccountWithMember(db());
    expect((await list(l.slug, { cookie: await sessionCookie(customer.user.id) })).body.viewer).toMatchObject({ canReview: false, blocker: "not_installed" });
    expect((await list(l.slug, l.owner)).body.viewer).toMatchObject({ canReview: false, blocker: "own_partner", canReply: true });
  });
});
