import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listingRoute from "@/app/api/v1/marketplace/listings/[slug]/route";
import * as listingsRoute from "@/app/api/v1/marketplace/listings/route";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { insertListing } from "@/lib/testing/marketplace-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushListingStats } from "./listing-stats";
import { MAX_QUERY_LENGTH } from "./query-text";
import type { ListingSearchPage } from "./schemas";
import { sorts } from "./schemas";

// Whatever is typed in the search box answers 200 or a 4xx problem naming `q`: never a
// 500, never a tsquery syntax error leaking out.

const db = useTestDb();
// Impressions counted by the searches are written before the database goes away.
afterAll(() => flushListingStats(db()));

/** A raw query string, sent as is (so %00 and broken escapes reach the server). */
const rawSearch = (qs: string) => callRoute<ListingSearchPage>(listingsRoute.GET, { path: `/api/v1/marketplace/listings?${qs}` });
const search = (params: Record<string, string>) => rawSearch(new URLSearchParams(params).toString());

function expectProblemNaming(res: CallResult, field: string, label: string) {
  expect([400, 422], `${label}: ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  expect(res.headers.get("content-type"), label).toContain("application/problem+json");
  expect(res.body.errors.map((e: { path: string }) => e.path), label).toContain(field);
  expect(res.body.requestId, label).toBeTruthy();
}

const NAMES = ["O'Brien Quotes", "C++ Rater", "Claims & Co (beta)", "AT&T Connect", "e-Sign Pro", "Policy.io", "3D Inspect", "Rate@Home", "Ünderwriter Ñet"];

beforeAll(async () => {
  await insertListing(db(), { name: "Claims Sync", tagline: "Sync FNOL both ways", tags: ["fnol"], description: "Works with Guidewire" });
  await insertListing(db(), { name: "Café Quoter", tagline: "Comparative rating", description: "Quotes for claims adjusters" });
  for (const name of NAMES) await insertListing(db(), { name, tagline: `${name}, for agencies` });
});

const hostileQueries: [string, string][] = [
  ["empty", ""],
  ["whitespace", " \t\n "],
  ["exactly the maximum length", "claims ".repeat(40).slice(0, MAX_QUERY_LENGTH)],
  ["maximum length of one word", "c".repeat(MAX_QUERY_LENGTH)],
  ["& alone", "&"],
  ["| alone", "|"],
  ["! alone", "!"],
  ["( alone", "("],
  [") alone", ")"],
  [": alone", ":"],
  ["* alone", "*"],
  ["<-> alone", "<->"],
  ["every operator", "& | ! ( ) : * <-> <1> :* !!"],
  ["operators glued", "&|!():*<->"],
  ["operators around words", "(claims | sync) & !fnol"],
  ["prefix syntax", "claims:*"],
  ["weight syntax", "claims:AB"],
  ["followed-by", "claims <-> sync"],
  ["distance", "claims <2> sync"],
  ["unbalanced quote", '"claims sync'],
  ["unbalanced quote at end", 'claims sync"'],
  ["three quotes", '"""'],
  ["quote alone", '"'],
  ["empty phrase", '""'],
  ["phrase of operators", '"& | !"'],
  ["single quotes", "'claims'"],
  ["lonely single quote", "'"],
  ["minus alone", "-"],
  ["double minus", "--"],
  ["only exclusions", "-claims -sync"],
  ["excluded phrase", '-"claims sync"'],
  ["or alone", "or"],
  ["OR OR", "OR OR"],
  ["trailing or", "claims or"],
  ["leading or", "or claims"],
  ["-or", "-or"],
  ["backslash", "\\"],
  ["backslashes", "\\\\ \\' \\\""],
  ["escaped words", "cl\\aims sy\\nc"],
  ["sql quote", "' or 1=1 --"],
  ["sql drop", "'; drop table listings;--"],
  ["sql union", "x' union select password_hash from users --"],
  ["sql sleep", "1); select pg_sleep(5);--"],
  ["dollar quote", "$$ claims $$"],
  ["like wildcards", "%_\\"],
  ["tsquery cast", "'a'::tsquery"],
  ["percent signs", "100% claims"],
  ["emoji", "🦄 claims"],
  ["emoji only", "🦄🔥👨‍👩‍👧"],
  ["100 emoji (200 UTF-16 units)", "😀".repeat(100)],
  ["RTL Arabic", "مطالبات التأمين"],
  ["RTL Hebrew", "תביעות ביטוח"],
  ["RTL override", "\u202egnp.exe claims"],
  ["zero-width", "cla\u200bims"],
  ["BOM", "\ufeffclaims"],
  ["combining marks", "z̸̢̛a̴l̷g̸o̵ claims"],
  ["control characters", "claims\u0001\u0002\u0003sync\u001f"],
  ["highlight markers", "\u0002claims\u0003"],
  ["CJK", "保险理赔"],
  ["replacement char", "\ufffd"],
  ["long word list", Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ").slice(0, MAX_QUERY_LENGTH)],
  ["many typos", "cliams snyc quoetr caffe raitng guidwire fnl"],
  ["many exclusions", Array.from({ length: 40 }, (_, i) => `-x${i}`).join(" ").slice(0, MAX_QUERY_LENGTH)],
  ["stop words only", "the and of a"],
  ["numbers", "123 4.5 -7 1e308"],
  ["url", "https://example.com/?q=claims&x=1"],
  ["html", "<script>alert(1)</script>"],
  ["json", '{"$ne": null}'],
];

describe("hostile q", () => {
  it.each(hostileQueries)("%s: 200 on every sort", async (_label, q) => {
    for (const sort of [undefined, ...sorts]) {
      const res = await search({ q, ...(sort ? { sort } : {}) });
      expect(res.status, `${sort}: ${res.text.slice(0, 300)}`).toBe(200);
      expect(Array.isArray(res.body.data)).toBe(true);
      // A second page of the same search must answer too.
      if (res.body.nextCursor) expect((await search({ q, ...(sort ? { sort } : {}), cursor: res.body.nextCursor })).status).toBe(200);
    }
  });

  it("a query longer than 200 characters is searched cut at 200 (10 KB, 201 characters, 20k emoji): 200, never a 500", async () => {
    for (const q of ["a".repeat(10 * 1024), "claims ".repeat(30).slice(0, MAX_QUERY_LENGTH + 1), "😀".repeat(20_000)]) {
      const res = await search({ q });
      expect(res.status, q.slice(0, 20)).toBe(200);
      expect(Array.isArray(res.body.data)).toBe(true);
    }
  });

  it("NUL (%00) and a broken escape: a 400 naming q, never a 500", async () => {
    expectProblemNaming(await rawSearch("q=%00"), "q", "%00");
    expectProblemNaming(await rawSearch("q=claims%00sync"), "q", "claims%00sync");
    for (const qs of ["q=%E0%A4%A", "q=%", "q=%ZZ", "q=%ED%A0%80", "q=claims&q=sync", "q[]=claims", "q=claims&&&", "q"]) {
      const res = await rawSearch(qs);
      expect(res.status, qs).toBeLessThan(500);
      if (res.status !== 200) expect(res.headers.get("content-type"), qs).toContain("application/problem+json");
    }
  });

  it("other parameters out of range are problems naming them", async () => {
    for (const [qs, field] of [
      ["limit=0", "limit"],
      ["limit=51", "limit"],
      ["limit=abc", "limit"],
      ["limit=1e308", "limit"],
      ["sort=bogus", "sort"],
      ["sort=relevance;drop", "sort"],
      ["pricing=gratis", "pricing"],
      ["minRating=6", "minRating"],
      ["minRating=-1", "minRating"],
      ["minRating=NaN", "minRating"],
      ["category=..%2F..", "category"],
      ["category=Claims", "category"],
      ["bogus=1", "bogus"],
    ]) {
      expectProblemNaming(await rawSearch(qs), field, qs);
    }
  });

  it("an unknown category is an empty result, not an error", async () => {
    const res = await search({ category: "no-such-category" });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  it("the SQL in a query is text: nothing breaks and the listings are still there", async () => {
    await search({ q: "'; drop table listings;--" });
    const res = await search({ q: "claims" });
    expect(res.body.data.map((d) => d.name)).toContain("Claims Sync");
  });
});

describe("hostile slugs", () => {
  it("a listing page for any slug is a 404 (or a 400 problem), never a 500", async () => {
    for (const raw of ["no-such-listing", "..%2F..%2Fetc", "%2e%2e", "a".repeat(5000), "%F0%9F%A6%84", "'%20or%201%3D1", "%E0%A4%A", "CLAIMS-SYNC", "%00", "%ED%A0%80"]) {
      let slug: string;
      try {
        slug = decodeURIComponent(raw);
      } catch {
        slug = raw;
      }
      const res = await callRoute(listingRoute.GET, { path: `/api/v1/marketplace/listings/${raw}`, params: { slug } });
      expect([400, 404], raw.slice(0, 40)).toContain(res.status);
      expect(res.headers.get("content-type"), raw.slice(0, 40)).toContain("application/problem+json");
    }
  });
});

describe("names full of punctuation", () => {
  it.each(NAMES.map((n) => [n]))("typing %s as written finds it first", async (name) => {
    const res = await search({ q: name });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data[0]?.name, JSON.stringify(res.body.data.map((d) => d.name))).toBe(name);
  });

  it("highlight segments put together give back the name and tagline", async () => {
    for (const name of NAMES) {
      const res = await search({ q: name });
      for (const item of res.body.data) {
        expect(item.highlight!.name.map((s) => s.text).join(""), name).toBe(item.name);
        expect(item.highlight!.tagline.map((s) => s.text).join(""), name).toBe(item.tagline);
      }
    }
  });
});
