import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as delistRoute from "@/app/api/v1/marketplace/listings/[slug]/delist/route";
import * as listingRoute from "@/app/api/v1/marketplace/listings/[slug]/route";
import * as listingsRoute from "@/app/api/v1/marketplace/listings/route";
import * as trendingRoute from "@/app/api/v1/marketplace/trending/route";
import { rowsOf } from "@/lib/db/rows";
import { adminCookie, partnerOwner } from "@/lib/testing/application-fixtures";
import { callRoute } from "@/lib/testing/call-route";
import { addPartnerMember, createAccountWithMember } from "@/lib/testing/fixtures";
import { addInstalls, insertListing } from "@/lib/testing/marketplace-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushListingStats } from "./listing-stats";
import { BAYES_M } from "./ranking";
import type { ListingItem, ListingSearchPage } from "./schemas";

// What a customer sees when searching: which listings come back and in what order.
// Every test uses its own invented words, so listings of the other tests never match.

const db = useTestDb();
// Impressions counted by the searches are written before the database goes away.
afterAll(() => flushListingStats(db()));

const search = (params: Record<string, string>) =>
  callRoute<ListingSearchPage>(listingsRoute.GET, { path: `/api/v1/marketplace/listings?${new URLSearchParams(params)}` });

async function namesFor(params: Record<string, string>): Promise<string[]> {
  const res = await search({ limit: "50", ...params });
  expect(res.status, res.text).toBe(200);
  return res.body.data.map((d) => d.name);
}

const getListing = (slug: string, cookie?: string) =>
  callRoute(listingRoute.GET, { path: `/api/v1/marketplace/listings/${slug}`, params: { slug }, cookie });

describe("relevance: where the words are", () => {
  it("ranks a name match above a tagline match above a description match, even against more installs", async () => {
    // The weaker fields get more installs, so equal field weights would reverse the order.
    await insertListing(db(), { name: "Mariner Notes", description: "Keeps quixel records for adjusters.", installs: 60 });
    await insertListing(db(), { name: "Harbor Sync", tagline: "Quixel sync for agencies", installs: 20 });
    await insertListing(db(), { name: "Quixel Bridge", installs: 0 });
    expect(await namesFor({ q: "quixel" })).toEqual(["Quixel Bridge", "Harbor Sync", "Mariner Notes"]);
  });

  it("puts an exact name match first, above far more popular and better rated listings", async () => {
    await insertListing(db(), { name: "Osprey Claims Suite", installs: 5000, ratings: { count: 300, average: 4.9 }, publishedDaysAgo: 2 });
    await insertListing(db(), { name: "Osprey Pro", installs: 900, ratings: { count: 40, average: 4.7 } });
    await insertListing(db(), { name: "Osprey", installs: 0, publishedDaysAgo: 300 });
    for (const q of ["osprey", "OSPREY", "  Osprey  "]) expect((await namesFor({ q }))[0], q).toBe("Osprey");
    // Typing a longer name ranks that one first instead.
    expect((await namesFor({ q: "osprey pro" }))[0]).toBe("Osprey Pro");
  });

  it("matches the last word as a prefix while it is being typed", async () => {
    await insertListing(db(), { name: "Claims Lantern", tagline: "Loss runs in a minute" });
    await insertListing(db(), { name: "Thornbury Rater", tagline: "Comparative rating" });
    expect(await namesFor({ q: "clai" })).toContain("Claims Lantern");
    expect(await namesFor({ q: "thornb" })).toEqual(["Thornbury Rater"]);
    expect(await namesFor({ q: "comparative thor" })).toEqual(["Thornbury Rater"]);
  });

  it("ignores accents both ways and highlights the matched word as written", async () => {
    await insertListing(db(), { name: "Café Connect", tagline: "Agency chat" });
    await insertListing(db(), { name: "Cafe Broker", tagline: "Brokerage in the café" });
    for (const q of ["cafe", "café", "CAFÉ", "Cafè"]) expect((await namesFor({ q })).sort(), q).toEqual(["Cafe Broker", "Café Connect"]);

    const res = await search({ q: "cafe" });
    const connect = res.body.data.find((d) => d.name === "Café Connect")!;
    expect(connect.highlight?.name).toEqual([
      { text: "Café", match: true },
      { text: " Connect", match: false },
    ]);
    const broker = res.body.data.find((d) => d.name === "Cafe Broker")!;
    expect(broker.highlight?.tagline.filter((s) => s.match).map((s) => s.text)).toEqual(["café"]);
  });

  it("finds a name word typed with one or two typos and says what it searched instead", async () => {
    await insertListing(db(), { name: "Underwriter Desk", tagline: "Risk notes in one place" });
    for (const [q, corrected] of [
      ["underwritr", "underwriter"],
      ["undrwritr", "underwriter"],
      ["Underwirter", "underwriter"],
      ["undrwriter desk", "underwriter desk"],
    ] as const) {
      const res = await search({ q });
      expect(res.status).toBe(200);
      expect(res.body.data.map((d) => d.name), q).toEqual(["Underwriter Desk"]);
      expect(res.body.correctedQuery, q).toBe(corrected);
    }
  });

  it("does not correct a word spelt right, nor invent a match for gibberish", async () => {
    await insertListing(db(), { name: "Glacier Vault", tagline: "Document storage" });
    const right = await search({ q: "glacier" });
    expect(right.body.data.map((d) => d.name)).toEqual(["Glacier Vault"]);
    expect(right.body.correctedQuery).toBeNull();
    const none = await search({ q: "xqzvbnmw" });
    expect(none.body.data).toEqual([]);
    expect(none.body.correctedQuery).toBeNull();
    // Three edits away is too far.
    const far = await search({ q: "gzxcxer" });
    expect(far.body.data).toEqual([]);
    expect(far.body.correctedQuery).toBeNull();
  });

  describe("phrases and exclusions", () => {
    const seed = async () => {
      await insertListing(db(), { name: "Veldt Orchard", tagline: "Sync for agencies" });
      await insertListing(db(), { name: "Prairie Tools", description: "Orchard tools, built for the veldt." });
      await insertListing(db(), { name: "Veldt Ledger", tagline: "Commissions, reconciled" });
    };

    it('matches a "quoted phrase" only where its words are adjacent; a -word excludes', async () => {
      await seed();
      expect((await namesFor({ q: "veldt orchard" })).sort()).toEqual(["Prairie Tools", "Veldt Orchard"]);
      expect(await namesFor({ q: '"veldt orchard"' })).toEqual(["Veldt Orchard"]);
      expect(await namesFor({ q: "veldt -orchard" })).toEqual(["Veldt Ledger"]);
      expect(await namesFor({ q: "-orchard veldt" })).toEqual(["Veldt Ledger"]);
      expect((await namesFor({ q: "orchard -ledger" })).sort()).toEqual(["Prairie Tools", "Veldt Orchard"]);
    });

    it("keeps the exclusion when a misspelt word is corrected", async () => {
      const res = await search({ q: "veldtt -orchard" });
      expect(res.status).toBe(200);
      // The user said -orchard: a listing with "orchard" must not come back, corrected or not.
      expect(res.body.data.map((d) => d.name)).toEqual(["Veldt Ledger"]);
    });

    it("keeps the phrase when a misspelt word in it is corrected", async () => {
      const res = await search({ q: '"veldt orchrd"' });
      expect(res.status).toBe(200);
      expect(res.body.data.map((d) => d.name)).not.toContain("Prairie Tools");
    });
  });

  it("searches the partner's name and the tags", async () => {
    await insertListing(db(), { name: "Kestrel Forms", partnerName: "Brightwater Labs" });
    await insertListing(db(), { name: "Kestrel Fleet", tags: ["telematics", "auto"] });
    expect(await namesFor({ q: "brightwater" })).toEqual(["Kestrel Forms"]);
    expect(await namesFor({ q: "brightwater labs" })).toEqual(["Kestrel Forms"]);
    expect(await namesFor({ q: "telematics" })).toEqual(["Kestrel Fleet"]);
  });

  it("lets a good new listing outrank an equally relevant old one with the same installs (freshness)", async () => {
    // Same installs and review count; the old one is rated higher, so without a freshness boost it would win.
    await insertListing(db(), { name: "Zephyr Beta", installs: 100, ratings: { count: 20, average: 4.7 }, publishedDaysAgo: 400 });
    await insertListing(db(), { name: "Zephyr Alpha", installs: 100, ratings: { count: 20, average: 4.5 }, publishedDaysAgo: 1 });
    expect(await namesFor({ q: "zephyr" })).toEqual(["Zephyr Alpha", "Zephyr Beta"]);
    // The boost fades: a listing public for 200 days no longer beats the better rated one.
    await insertListing(db(), { name: "Zephyr Gamma", installs: 100, ratings: { count: 20, average: 4.5 }, publishedDaysAgo: 200 });
    expect(await namesFor({ q: "zephyr" })).toEqual(["Zephyr Alpha", "Zephyr Beta", "Zephyr Gamma"]);
  });
});

describe("rating", () => {
  it("rating.average is the mean with one decimal, null without reviews", async () => {
    const a = await insertListing(db(), { name: "Puffin Quotes", ratings: { count: 3, average: 14 / 3 } });
    await insertListing(db(), { name: "Puffin Docs", ratings: { count: 20, average: 79 / 20 } });
    await insertListing(db(), { name: "Puffin Mail" });
    const res = await search({ q: "puffin" });
    const rating = Object.fromEntries(res.body.data.map((d) => [d.name, d.rating]));
    expect(rating).toEqual({
      "Puffin Quotes": { average: 4.7, count: 3 },
      "Puffin Docs": { average: 4, count: 20 },
      "Puffin Mail": { average: null, count: 0 },
    });
    expect((await getListing(a.slug)).body.rating).toEqual({ average: 4.7, count: 3 });
  });

  it("sort=rating follows the Bayesian score (m = 10): one 5★ review does not outrank 200 reviews at 4.8★", async () => {
    // A large catalogue at 4.0★ fixes the prior C near 4, as in a real marketplace.
    await insertListing(db(), { name: "Baseline Catalogue", ratings: { count: 5000, average: 4.0 } });
    const seeds = [
      { name: "Heron Single", count: 1, average: 5 },
      { name: "Heron Crowd", count: 200, average: 4.8 },
      { name: "Heron Ten", count: 10, average: 5 },
      { name: "Heron Hundred", count: 100, average: 4.6 },
      { name: "Heron Thirty", count: 30, average: 5 },
      { name: "Heron Twohundred", count: 200, average: 4.6 },
      { name: "Heron Fresh", count: 0, average: 0 },
    ];
    for (const s of seeds) await insertListing(db(), { name: s.name, ratings: { count: s.count, average: s.average } });

    const [{ c }] = rowsOf<{ c: number }>(
      await db().execute(sql`select sum(rating_sum)::float8 / sum(rating_count) as c from listings where rating_count > 0`),
    );
    const orderWith = (m: number) =>
      seeds
        .map((s) => ({ name: s.name, score: (Math.round(s.count * s.average) + m * Number(c)) / (s.count + m) }))
        .sort((x, y) => y.score - x.score)
        .map((x) => x.name);

    const got = await namesFor({ q: "heron", sort: "rating" });
    expect(BAYES_M).toBe(10);
    expect(got).toEqual(orderWith(10));
    expect(got.indexOf("Heron Crowd")).toBeLessThan(got.indexOf("Heron Single"));
    // The seeds tell m = 10 apart from a weaker or stronger prior, and from the raw average.
    expect(orderWith(10)).not.toEqual(orderWith(3));
    expect(orderWith(10)).not.toEqual(orderWith(30));
    expect(orderWith(10)).not.toEqual(orderWith(0.001));
  });
});

describe("trending", () => {
  it("counts distinct accounts' installs of the last 7 days over (the 28 days before ÷ 4 + 5), ignoring self-installs and quick removals", async () => {
    const one = await insertListing(db(), { name: "Pelican One" });
    await addInstalls(db(), one, 6, { daysAgo: 1 }); // 6 / 5 = 1.2

    const two = await insertListing(db(), { name: "Pelican Two" });
    await addInstalls(db(), two, 8, { daysAgo: 2 });
    await addInstalls(db(), two, 40, { daysAgo: 15 });
    await addInstalls(db(), two, 30, { daysAgo: 60 }); // older than 35 days: not counted at all
    // 8 / (40 / 4 + 5) = 0.533

    const three = await insertListing(db(), { name: "Pelican Three" });
    await addInstalls(db(), three, 3, { daysAgo: 3 }); // 0.6

    const self = await insertListing(db(), { name: "Pelican Self" });
    const member = await addPartnerMember(db(), self.partnerId, "developer");
    await addInstalls(db(), self, 12, { daysAgo: 1, installedBy: member.id }); // the partner's own people
    await addInstalls(db(), self, 1, { daysAgo: 1 }); // 1 / 5 = 0.2

    const churn = await insertListing(db(), { name: "Pelican Churn" });
    await addInstalls(db(), churn, 12, { daysAgo: 2, removedAfterHours: 2 }); // removed within 24 h
    await addInstalls(db(), churn, 3, { daysAgo: 3, removedAfterHours: 30 }); // kept a day: counts
    await addInstalls(db(), churn, 2, { daysAgo: 1 }); // (3 + 2) / 5 = 1.0

    const repeat = await insertListing(db(), { name: "Pelican Repeat" });
    for (let i = 0; i < 2; i++) {
      const { account } = await createAccountWithMember(db());
      await addInstalls(db(), repeat, 4, { daysAgo: 2 + i, accountId: account.id, removedAfterHours: 30 });
      await addInstalls(db(), repeat, 1, { daysAgo: 1, accountId: account.id });
    }
    // 2 distinct accounts / 5 = 0.4

    await insertListing(db(), { name: "Pelican Quiet" }); // no installs: 0

    const expected = ["Pelican One", "Pelican Churn", "Pelican Three", "Pelican Two", "Pelican Repeat", "Pelican Self", "Pelican Quiet"];
    expect(await namesFor({ q: "pelican", sort: "trending" })).toEqual(expected);

    const trending = await callRoute<{ data: ListingItem[] }>(trendingRoute.GET, { path: "/api/v1/marketplace/trending" });
    expect(trending.status).toBe(200);
    // The trending row leaves out listings nobody installed lately.
    expect(trending.body.data.map((d) => d.name).filter((n) => n.startsWith("Pelican"))).toEqual(expected.slice(0, -1));
  });
});

describe("what search shows", () => {
  it("leaves out a deprecated app's listing, whose page still answers with the notice", async () => {
    const dep = await insertListing(db(), { name: "Gannetry Legacy", appStatus: "deprecated", category: "compliance", publishedDaysAgo: 0 });
    await insertListing(db(), { name: "Gannetry Next", category: "compliance" });
    expect(await namesFor({ q: "gannetry" })).toEqual(["Gannetry Next"]);
    expect(await namesFor({ sort: "newest", category: "compliance" })).toEqual(["Gannetry Next"]);
    const page = await getListing(dep.slug);
    expect(page.status, page.text).toBe(200);
    expect(page.body).toMatchObject({ name: "Gannetry Legacy", visibility: "deprecated", deprecation: { message: "Moving to v2" } });
    expect(new Date(page.body.deprecation.sunsetAt).getTime()).toBeGreaterThan(Date.now());
  });

  it("hides a draft app's listing from the public and other partners, not from its partner or admins", async () => {
    const owner = await partnerOwner(db());
    const other = await partnerOwner(db());
    const draft = await insertListing(db(), { name: "Cormorant Beta", appStatus: "draft", partnerId: owner.partner.id });
    expect(await namesFor({ q: "cormorant" })).toEqual([]);
    expect((await getListing(draft.slug)).status).toBe(404);
    expect((await getListing(draft.slug, other.cookie)).status).toBe(404);
    const own = await getListing(draft.slug, owner.cookie);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ visibility: "awaiting_app", deprecation: null });
    expect((await getListing(draft.slug, await adminCookie(db()))).status).toBe(200);
  });

  it("drops a delisted listing from search and answers 404 to the public", async () => {
    const l = await insertListing(db(), { name: "Shearwater Quotes", category: "document-management", installs: 10 });
    expect(await namesFor({ q: "shearwater" })).toEqual(["Shearwater Quotes"]);
    const admin = await adminCookie(db());
    const res = await callRoute(delistRoute.POST, {
      path: `/api/v1/marketplace/listings/${l.slug}/delist`,
      params: { slug: l.slug },
      cookie: admin,
      body: { reason: "Misleading screenshots" },
    });
    expect(res.status, res.text).toBe(200);
    expect(await namesFor({ q: "shearwater" })).toEqual([]);
    expect(await namesFor({ sort: "installs", category: "document-management" })).toEqual([]);
    expect((await getListing(l.slug)).status).toBe(404);
  });
});

describe("a suspended partner", () => {
  it("has its listings leave search, featured, trending and categories, and its page 404 to the public, until it is active again", async () => {
    const l = await insertListing(db(), { name: "Quarantined Quoter", tagline: "Suspension check", installs: 3 });
    await addInstalls(db(), l, 3, { daysAgo: 1 });
    await db().execute(sql`update listings set featured = true, featured_position = 0 where id = ${l.listing.id}`);
    const names = async () => {
      const r = await callRoute(listingsRoute.GET, { path: "/api/v1/marketplace/listings?q=quarantined" });
      const t = await callRoute(trendingRoute.GET, { path: "/api/v1/marketplace/trending" });
      return [...(r.body as ListingSearchPage).data, ...(t.body.data as ListingItem[])].map((i) => i.name);
    };
    const page = () => callRoute(listingRoute.GET, { path: `/api/v1/marketplace/listings/${l.slug}`, params: { slug: l.slug } });
    expect(await names()).toContain("Quarantined Quoter");
    expect((await page()).status).toBe(200);

    await db().execute(sql`update partners set status = 'suspended' where id = ${l.partnerId}`);
    expect(await names()).not.toContain("Quarantined Quoter");
    expect((await page()).status).toBe(404);

    await db().execute(sql`update partners set status = 'active' where id = ${l.partnerId}`);
    expect(await names()).toContain("Quarantined Quoter");
  });
});
