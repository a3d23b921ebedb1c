import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as statsRoute from "@/app/api/v1/marketplace/listings/[slug]/stats/route";
import * as listingsRoute from "@/app/api/v1/marketplace/listings/route";
import type { Db } from "@/db";
import { listingStatsDaily } from "@/db/schema";
import { adminCookie, partnerOwner } from "@/lib/testing/application-fixtures";
import { callRoute } from "@/lib/testing/call-route";
import { createAccountWithMember, createApiKey, sessionCookie } from "@/lib/testing/fixtures";
import { insertListing } from "@/lib/testing/marketplace-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushListingStats, ListingStatsCounter, listingStats, recordView } from "./listing-stats";
import type { ListingStats } from "./schemas";

const db = useTestDb();
afterAll(() => flushListingStats(db()));

const rowsOf = (ids: string[]) =>
  db()
    .select({ listingId: listingStatsDaily.listingId, day: listingStatsDaily.day, views: listingStatsDaily.views, impressions: listingStatsDaily.impressions, clicks: listingStatsDaily.clicks })
    .from(listingStatsDaily)
    .where(inArray(listingStatsDaily.listingId, ids));

const sorted = <T extends { listingId: string; day: string }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.listingId}${a.day}`.localeCompare(`${b.listingId}${b.day}`));

const stats = (slug: string, who: { cookie?: string; bearer?: string }, qs = "") =>
  callRoute<ListingStats & { errors: { path: string }[] }>(statsRoute.GET, { path: `/api/v1/marketplace/listings/${slug}/stats${qs}`, params: { slug }, ...who });

const today = () => new Date().toISOString().slice(0, 10);

describe("ListingStatsCounter", () => {
  it("sums counts in memory and writes one row per (listing, day) when flushed", async () => {
    const a = (await insertListing(db(), { name: "Counter A" })).listing.id;
    const b = (await insertListing(db(), { name: "Counter B" })).listing.id;
    const c = new ListingStatsCounter();
    const morning = new Date("2026-03-01T00:00:00.000Z");
    const night = new Date("2026-03-01T23:59:59.999Z");
    const next = new Date("2026-03-02T00:00:00.000Z");
    for (let i = 0; i < 3; i++) c.record(a, "views", morning);
    for (let i = 0; i < 10; i++) c.record(a, "impressions", night);
    c.record(a, "clicks", night);
    c.record(a, "views", next);
    c.record(b, "impressions", morning);
    expect(c.pending).toBe(3);
    expect(await rowsOf([a, b])).toEqual([]);

    await c.flush(db());
    expect(c.pending).toBe(0);
    expect(sorted(await rowsOf([a, b]))).toEqual(
      sorted([
        { listingId: a, day: "2026-03-01", views: 3, impressions: 10, clicks: 1 },
        { listingId: a, day: "2026-03-02", views: 1, impressions: 0, clicks: 0 },
        { listingId: b, day: "2026-03-01", views: 0, impressions: 1, clicks: 0 },
      ]),
    );

    // A later flush adds to the same rows instead of writing new ones.
    c.record(a, "views", morning);
    c.record(a, "clicks", morning);
    await c.flush(db());
    await c.flush(db()); // nothing pending: nothing written
    const rows = await rowsOf([a]);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.day === "2026-03-01")).toMatchObject({ views: 4, impressions: 10, clicks: 2 });
  });

  it("concurrent flushes neither lose nor double a count", async () => {
    const a = (await insertListing(db(), { name: "Counter Concurrent" })).listing.id;
    const c = new ListingStatsCounter();
    const at = new Date("2026-04-01T12:00:00Z");
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) {
      c.record(a, "views", at);
      if (i % 40 === 0) flushes.push(c.flush(db()));
    }
    flushes.push(c.flush(db()));
    await Promise.all(flushes);
    await c.flush(db());
    expect(await rowsOf([a])).toEqual([{ listingId: a, day: "2026-04-01", views: 200, impressions: 0, clicks: 0 }]);
  });

  it("keeps the counts of a failed write for the next flush", async () => {
    const a = (await insertListing(db(), { name: "Counter Retry" })).listing.id;
    const c = new ListingStatsCounter();
    const at = new Date("2026-05-01T12:00:00Z");
    c.record(a, "views", at);
    c.record(a, "clicks", at);
    const broken = {
      insert: () => {
        throw Object.assign(new Error("connection reset"), { code: "08006" });
      },
    } as unknown as Db;
    await expect(c.flush(broken)).rejects.toThrow("connection reset");
    expect(c.pending).toBe(1);
    c.record(a, "views", at); // counted while the write was failing
    await c.flush(db());
    expect(await rowsOf([a])).toEqual([{ listingId: a, day: "2026-05-01", views: 2, impressions: 0, clicks: 1 }]);
  });

  it("a listing deleted before the flush does not take the other listings' counts with it", async () => {
    const kept = (await insertListing(db(), { name: "Counter Kept" })).listing.id;
    const c = new ListingStatsCounter();
    const at = new Date("2026-06-01T12:00:00Z");
    c.record(kept, "views", at);
    c.record(randomUUID(), "views", at); // a listing that no longer exists
    await c.flush(db());
    expect(c.pending).toBe(0);
    expect(await rowsOf([kept])).toEqual([{ listingId: kept, day: "2026-06-01", views: 1, impressions: 0, clicks: 0 }]);
  });
});

describe("views, impressions and clicks as visitors make them", () => {
  it("recordView counts a view, and a click when the visitor came from search results", async () => {
    const a = (await insertListing(db(), { name: "Viewed Listing" })).listing.id;
    recordView(a, false);
    recordView(a, true);
    recordView(a, true);
    await flushListingStats(db());
    expect(await rowsOf([a])).toEqual([{ listingId: a, day: today(), views: 3, impressions: 0, clicks: 2 }]);
  });

  it("search counts one impression per listing shown, on the page that showed it", async () => {
    const a = await insertListing(db(), { name: "Wagtail One", installs: 10 });
    const b = await insertListing(db(), { name: "Wagtail Two", installs: 5 });
    const hidden = await insertListing(db(), { name: "Wagtail Hidden", appStatus: "draft" });
    const first = await callRoute(listingsRoute.GET, { path: "/api/v1/marketplace/listings?q=wagtail&limit=1&sort=installs" });
    expect(first.body.data.map((d: { name: string }) => d.name)).toEqual(["Wagtail One"]);
    await flushListingStats(db());
    expect((await rowsOf([a.listing.id, b.listing.id, hidden.listing.id])).map((r) => [r.listingId, r.impressions])).toEqual([[a.listing.id, 1]]);

    await callRoute(listingsRoute.GET, { path: `/api/v1/marketplace/listings?q=wagtail&limit=1&sort=installs&cursor=${first.body.nextCursor}` });
    await callRoute(listingsRoute.GET, { path: "/api/v1/marketplace/listings?q=wagtail" });
    await flushListingStats(db());
    const rows = await rowsOf([a.listing.id, b.listing.id, hidden.listing.id]);
    expect(Object.fromEntries(rows.map((r) => [r.listingId, r.impressions]))).toEqual({ [a.listing.id]: 2, [b.listing.id]: 2 });
  });
});

describe("GET /marketplace/listings/{slug}/stats", () => {
  it("gives the owner a per-day series and totals with the click-through rate", async () => {
    const owner = await partnerOwner(db());
    const l = await insertListing(db(), { name: "Stats Owner", partnerId: owner.partner.id });
    // Three days ago and twenty days ago, written as the counter would.
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await db().insert(listingStatsDaily).values([
      { listingId: l.listing.id, day: daysAgo(3), views: 5, impressions: 40, clicks: 3 },
      { listingId: l.listing.id, day: daysAgo(20), views: 100, impressions: 1000, clicks: 100 },
    ]);
    recordView(l.listing.id, true);
    for (let i = 0; i < 3; i++) recordView(l.listing.id, false);
    await flushListingStats(db());

    const week = await stats(l.slug, { cookie: owner.cookie }, "?days=7");
    expect(week.status, week.text).toBe(200);
    expect(week.body.days).toHaveLength(7);
    expect(week.body.days.map((d) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => daysAgo(6 - i)));
    expect(week.body.days.find((d) => d.day === daysAgo(3))).toEqual({ day: daysAgo(3), views: 5, impressions: 40, clicks: 3 });
    expect(week.body.days[6]).toEqual({ day: today(), views: 4, impressions: 0, clicks: 1 });
    expect(week.body.days.filter((d) => d.views === 0)).toHaveLength(5);
    expect(week.body.totals).toEqual({ views: 9, impressions: 40, clicks: 4, clickThroughRate: 0.1 });

    const month = await stats(l.slug, { cookie: owner.cookie });
    expect(month.body.days).toHaveLength(30);
    expect(month.body.totals).toEqual({ views: 109, impressions: 1040, clicks: 104, clickThroughRate: 0.1 });

    const key = await createApiKey(db(), owner.partner.id, { scopes: ["read:marketplace"] });
    expect((await stats(l.slug, { bearer: key.key }, "?days=7")).body.totals.views).toBe(9);
    expect((await stats(l.slug, { cookie: await adminCookie(db()) }, "?days=7")).status).toBe(200);
  });

  it("has no click-through rate without impressions, and rounds it to three decimals", async () => {
    const owner = await partnerOwner(db());
    const quiet = await insertListing(db(), { name: "Stats Quiet", partnerId: owner.partner.id });
    const res = await stats(quiet.slug, { cookie: owner.cookie }, "?days=1");
    expect(res.body).toEqual({ days: [{ day: today(), views: 0, impressions: 0, clicks: 0 }], totals: { views: 0, impressions: 0, clicks: 0, clickThroughRate: null } });

    await db().insert(listingStatsDaily).values({ listingId: quiet.listing.id, day: today(), views: 0, impressions: 3, clicks: 1 });
    expect((await listingStats(db(), quiet.listing.id, 1)).totals.clickThroughRate).toBe(0.333);
  });

  it("answers another partner, a customer or an unknown slug with 404; no credential with 401; bad days with 422", async () => {
    const owner = await partnerOwner(db());
    const l = await insertListing(db(), { name: "Stats Private", partnerId: owner.partner.id });
    const other = await partnerOwner(db());
    const res = await stats(l.slug, { cookie: other.cookie });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("views");
    const otherKey = await createApiKey(db(), other.partner.id, { scopes: ["read:*"] });
    expect((await stats(l.slug, { bearer: otherKey.key })).status).toBe(404);
    const customer = await sessionCookie((await createAccountWithMember(db())).user.id);
    expect((await stats(l.slug, { cookie: customer })).status).toBe(404);
    expect((await stats("no-such-listing", { cookie: owner.cookie })).status).toBe(404);
    expect((await stats(l.slug, {})).status).toBe(401);
    for (const days of ["0", "91", "abc", "1.5"]) {
      const bad = await stats(l.slug, { cookie: owner.cookie }, `?days=${days}`);
      expect(bad.status, days).toBe(422);
      expect(bad.body.errors[0].path).toBe("days");
    }
    const rows = await db().select().from(listingStatsDaily).where(eq(listingStatsDaily.listingId, l.listing.id));
    expect(rows).toEqual([]);
  });
});
