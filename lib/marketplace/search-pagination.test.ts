import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as delistRoute from "@/app/api/v1/marketplace/listings/[slug]/delist/route";
import * as listingsRoute from "@/app/api/v1/marketplace/listings/route";
import { adminCookie } from "@/lib/testing/application-fixtures";
import { callRoute } from "@/lib/testing/call-route";
import { createPartner } from "@/lib/testing/fixtures";
import { addInstalls, insertListing } from "@/lib/testing/marketplace-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushListingStats } from "./listing-stats";
import type { ListingItem, ListingSearchPage } from "./schemas";
import { sorts } from "./schemas";

// Walking every page of a search, with many listings sharing one score, must show each
// matching listing exactly once: no duplicates, no gaps, filters holding on every page.

const db = useTestDb();
// Impressions counted by the searches are written before the database goes away.
afterAll(() => flushListingStats(db()));

/** A page, or a problem when refused. */
type Answer = ListingSearchPage & { errors: { path: string; message: string }[] };

const search = (params: Record<string, string>) =>
  callRoute<Answer>(listingsRoute.GET, { path: `/api/v1/marketplace/listings?${new URLSearchParams(params)}` });

/** Every page of a search, following nextCursor; fails on a non-200 or a runaway walk. */
async function walk(params: Record<string, string>, limit = 7): Promise<{ pages: ListingItem[][]; all: ListingItem[] }> {
  const pages: ListingItem[][] = [];
  let cursor: string | null = null;
  do {
    const res = await search({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
    expect(res.status, `${JSON.stringify(params)} page ${pages.length + 1}: ${res.text}`).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    if (res.body.nextCursor) expect(res.body.data.length, "a page before the last is full").toBe(limit);
    pages.push(res.body.data);
    cursor = res.body.nextCursor;
    if (pages.length > 100) throw new Error("more than 100 pages: the cursor does not advance");
  } while (cursor);
  return { pages, all: pages.flat() };
}

function expectEachOnce(all: ListingItem[], expected: string[], label: string) {
  const slugs = all.map((d) => d.slug);
  const dupes = slugs.filter((s, i) => slugs.indexOf(s) !== i);
  expect(dupes, `${label}: duplicates`).toEqual([]);
  expect([...slugs].sort(), `${label}: every matching listing once`).toEqual([...expected].sort());
}

const at = new Date(Date.now() - 20 * 86_400_000);
const slugs = { all: [] as string[], tied: [] as string[], paid: [] as string[], crm: [] as string[], rated4: [] as string[] };

beforeAll(async () => {
  const partner = await createPartner(db());
  // 45 listings alike in everything a sort reads: same text weight, installs, ratings, instant of publication.
  for (let i = 0; i < 45; i++) {
    const l = await insertListing(db(), {
      name: `Tidewater ${String.fromCharCode(65 + (i % 26))}${i}`,
      tagline: "Gannet sync for agencies",
      partnerId: partner.id,
      installs: 50,
      ratings: { count: 10, average: 4.2 },
      publishedAt: at,
      category: i % 3 === 0 ? "crm-leads" : "claims",
      pricing: i % 4 === 0 ? { model: "paid", monthlyPriceCents: 1900 } : { model: "free" },
    });
    slugs.all.push(l.slug);
    slugs.tied.push(l.slug);
    if (i % 4 === 0) slugs.paid.push(l.slug);
    if (i % 3 === 0) slugs.crm.push(l.slug);
    slugs.rated4.push(l.slug);
  }
  // A few that differ, so ties sit between distinct scores.
  for (const [i, s] of [
    { installs: 500, ratings: { count: 100, average: 4.8 }, days: 1 },
    { installs: 5, ratings: { count: 2, average: 3.0 }, days: 200 },
    { installs: 50, ratings: { count: 10, average: 4.2 }, days: 3 },
    { installs: 0, ratings: { count: 0, average: 0 }, days: 90 },
  ].entries()) {
    const l = await insertListing(db(), {
      name: `Tidewater Odd ${i}`,
      tagline: i === 0 ? "Gannet and more gannet" : "Gannet tools",
      installs: s.installs,
      ratings: s.ratings,
      publishedDaysAgo: s.days,
      category: "claims",
    });
    slugs.all.push(l.slug);
    if (s.ratings.count && s.ratings.average >= 4) slugs.rated4.push(l.slug);
    if (i === 0) await addInstalls(db(), l, 3, { daysAgo: 1 });
  }
  // Never listed: a draft app, a deprecated app, a delisted listing.
  await insertListing(db(), { name: "Tidewater Draft", tagline: "Gannet", appStatus: "draft", publishedAt: at });
  await insertListing(db(), { name: "Tidewater Deprecated", tagline: "Gannet", appStatus: "deprecated", publishedAt: at });
  const gone = await insertListing(db(), { name: "Tidewater Delisted", tagline: "Gannet", publishedAt: at, installs: 50 });
  const res = await callRoute(delistRoute.POST, {
    path: `/api/v1/marketplace/listings/${gone.slug}/delist`,
    params: { slug: gone.slug },
    cookie: await adminCookie(db()),
    body: { reason: "Spam" },
  });
  expect(res.status).toBe(200);
});

describe("pagination on every sort", () => {
  it.each(sorts.map((sort) => [sort]))("sort=%s: every listing exactly once across pages of 7", async (sort) => {
    const params: Record<string, string> = sort === "relevance" ? { q: "gannet", sort } : { sort };
    const { all, pages } = await walk(params);
    expect(pages.length).toBe(Math.ceil(slugs.all.length / 7));
    expectEachOnce(all, slugs.all, sort);
  });

  it("keeps each sort's order across page boundaries", async () => {
    const installs = (await walk({ sort: "installs" })).all.map((d) => d.installCount);
    expect(installs).toEqual([...installs].sort((a, b) => b - a));
    const newest = (await walk({ sort: "newest" })).all.map((d) => Date.parse(d.publishedAt!));
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    const relevance = (await walk({ q: "gannet" })).all.map((d) => d.name);
    expect(relevance[0]).toBe("Tidewater Odd 0");
  });

  it("walks pages of other sizes too, including a last page that is exactly full", async () => {
    for (const limit of [1, 3, 49, 50]) {
      const { all, pages } = await walk({ sort: "rating" }, limit);
      expect(pages.length, `limit ${limit}`).toBe(Math.ceil(slugs.all.length / limit));
      expectEachOnce(all, slugs.all, `limit ${limit}`);
    }
  });

  it("continues the same ranking even when new listings appear between pages", async () => {
    const first = await search({ sort: "newest", limit: "7" });
    const seen = first.body.data.map((d) => d.slug);
    const late = await insertListing(db(), { name: "Tidewater Late", tagline: "Gannet", category: "payments", publishedDaysAgo: 0 });
    let cursor = first.body.nextCursor;
    while (cursor) {
      const res = await search({ sort: "newest", limit: "7", cursor });
      seen.push(...res.body.data.map((d) => d.slug));
      cursor = res.body.nextCursor;
    }
    // The new one ranks before the cursor: later pages neither repeat nor skip anything already ranked.
    expectEachOnce(
      seen.map((slug) => ({ slug }) as ListingItem),
      slugs.all,
      "newest while inserting",
    );
    expect(seen).not.toContain(late.slug);
    slugs.all.push(late.slug);
  });
});

describe("a corrected search", () => {
  it("keeps showing the corrected query on every page, each listing once", async () => {
    const { pages, all } = await walk({ q: "tidewatr" });
    expect(pages.length).toBeGreaterThan(1);
    expectEachOnce(all, slugs.all, "corrected");
    let res = await search({ q: "tidewatr", limit: "7" });
    for (;;) {
      expect(res.body.correctedQuery).toBe("tidewater");
      if (!res.body.nextCursor) break;
      res = await search({ q: "tidewatr", limit: "7", cursor: res.body.nextCursor });
    }
  });
});

describe("filters hold on every page", () => {
  it("category", async () => {
    for (const sort of sorts) {
      const { pages, all } = await walk({ category: "crm-leads", sort, ...(sort === "relevance" ? { q: "gannet" } : {}) });
      for (const page of pages) for (const d of page) expect(d.category).toBe("crm-leads");
      expectEachOnce(all, slugs.crm, `crm-leads ${sort}`);
    }
  });

  it("pricing", async () => {
    const { pages, all } = await walk({ pricing: "paid", sort: "installs" });
    for (const page of pages) for (const d of page) expect(d.pricing).toEqual({ model: "paid", monthlyPriceCents: 1900 });
    expectEachOnce(all, slugs.paid, "paid");
    const free = await walk({ pricing: "free", q: "gannet" });
    for (const d of free.all) expect(d.pricing).toEqual({ model: "free" });
    expect(free.all.length).toBe(slugs.all.length - slugs.paid.length);
  });

  it("minRating", async () => {
    const { pages, all } = await walk({ minRating: "4", sort: "trending" });
    for (const page of pages) for (const d of page) expect(d.rating.average).toBeGreaterThanOrEqual(4);
    expectEachOnce(all, slugs.rated4, "minRating 4");
    expect((await walk({ minRating: "4.9", sort: "rating" })).all).toEqual([]);
  });

  it("filters combined with q", async () => {
    const { all } = await walk({ q: "gannet", category: "crm-leads", pricing: "paid", minRating: "4.2" }, 2);
    const expected = slugs.crm.filter((s) => slugs.paid.includes(s));
    expect(expected.length).toBeGreaterThan(2);
    expectEachOnce(all, expected, "combined");
  });
});

describe("cursors", () => {
  it("refuses a cursor of another sort with 400 naming `cursor`", async () => {
    const rating = await search({ sort: "rating", limit: "7" });
    expect(rating.body.nextCursor).toBeTruthy();
    for (const sort of ["installs", "newest", "trending"]) {
      const res = await search({ sort, limit: "7", cursor: rating.body.nextCursor! });
      expect(res.status, sort).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.errors.map((e) => e.path)).toEqual(["cursor"]);
    }
    // A relevance cursor with the default sort of a browse (trending) is another sort too.
    const relevance = await search({ q: "gannet", limit: "7" });
    expect(relevance.body.sort).toBe("relevance");
    const browse = await search({ limit: "7", cursor: relevance.body.nextCursor! });
    expect(browse.status).toBe(400);
    expect(browse.body.errors[0].path).toBe("cursor");
  });

  it("refuses a garbage or forged cursor with a 4xx naming `cursor`, never a 500", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const id = "3f8e2c1a-9b7d-4e6f-8a5b-1c2d3e4f5a6b";
    for (const cursor of [
      "garbage",
      "%%%",
      "eyJ",
      b64({ k: "rating" }),
      b64({ k: "rating", s: "NaN", id, at: new Date().toISOString() }),
      b64({ k: "rating", s: 1, id: "not-a-uuid", at: new Date().toISOString() }),
      b64({ k: "rating", s: 1, id, at: "yesterday" }),
      b64({ k: "nonsense", s: 1, id, at: new Date().toISOString() }),
      b64([1, 2, 3]),
      b64(null),
      "x".repeat(301),
    ]) {
      const res = await search({ sort: "rating", cursor });
      expect([400, 422], cursor).toContain(res.status);
      expect(res.body.errors[0].path, cursor).toBe("cursor");
    }
  });

  it("accepts a well-formed cursor past the end: an empty last page", async () => {
    const b64 = Buffer.from(JSON.stringify({ k: "installs", s: -1, id: "00000000-0000-0000-0000-000000000000", at: new Date().toISOString() })).toString(
      "base64url",
    );
    const res = await search({ sort: "installs", cursor: b64 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: [], nextCursor: null });
  });
});
