import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as appRoute from "@/app/api/v1/applications/[id]/route";
import * as deprecateRoute from "@/app/api/v1/applications/[id]/deprecate/route";
import * as categoriesRoute from "@/app/api/v1/marketplace/categories/route";
import * as featuredRoute from "@/app/api/v1/marketplace/featured/route";
import * as delistRoute from "@/app/api/v1/marketplace/listings/[slug]/delist/route";
import * as featureRoute from "@/app/api/v1/marketplace/listings/[slug]/feature/route";
import * as relistRoute from "@/app/api/v1/marketplace/listings/[slug]/relist/route";
import * as listingRoute from "@/app/api/v1/marketplace/listings/[slug]/route";
import * as listingsRoute from "@/app/api/v1/marketplace/listings/route";
import * as partnerRoute from "@/app/api/v1/partners/[id]/route";
import { listings } from "@/db/schema";
import { probesSettled } from "@/lib/applications/check-runs";
import { adminCookie, createApp, goodApplication, partnerOwner, publishedApp, step } from "@/lib/testing/application-fixtures";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { addPartnerMember, createAccountWithMember, createApiKey, sessionCookie } from "@/lib/testing/fixtures";
import { insertListing } from "@/lib/testing/marketplace-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushListingStats } from "./listing-stats";
import type { Category, ListingItem, ListingSearchPage } from "./schemas";

const db = useTestDb();
// Impressions counted by the searches are written before the database goes away.
afterAll(() => flushListingStats(db()));
afterAll(() => probesSettled());

// ---- calls -------------------------------------------------------------------------------

type Who = { cookie?: string; bearer?: string };

const post = (who: Who, body: unknown, headers?: Record<string, string>) =>
  callRoute(listingsRoute.POST, { path: "/api/v1/marketplace/listings", ...who, body, headers });
const patch = (slug: string, who: Who, body: unknown) =>
  callRoute(listingRoute.PATCH, { method: "PATCH", path: `/api/v1/marketplace/listings/${slug}`, params: { slug }, ...who, body });
const getListing = (slug: string, who: Who = {}) => callRoute(listingRoute.GET, { path: `/api/v1/marketplace/listings/${slug}`, params: { slug }, ...who });
const adminAction = (route: { POST: Parameters<typeof callRoute>[0] }, action: string) => (slug: string, who: Who, body?: unknown) =>
  callRoute(route.POST, {
    path: `/api/v1/marketplace/listings/${slug}/${action}`,
    params: { slug },
    ...who,
    ...(body === undefined ? { method: "POST" } : { body }),
  });
const delist = adminAction(delistRoute, "delist");
const relist = adminAction(relistRoute, "relist");
const feature = adminAction(featureRoute, "feature");
const search = (params: Record<string, string>) =>
  callRoute<ListingSearchPage>(listingsRoute.GET, { path: `/api/v1/marketplace/listings?${new URLSearchParams({ limit: "50", ...params })}` });
const searchSlugs = async (params: Record<string, string>) => (await search(params)).body.data.map((d) => d.slug);
const categories = async () => (await callRoute<{ data: Category[] }>(categoriesRoute.GET, { path: "/api/v1/marketplace/categories" })).body.data;
const featured = async () => (await callRoute<{ data: ListingItem[] }>(featuredRoute.GET, { path: "/api/v1/marketplace/featured" })).body.data;

function goodListing(applicationId: string, over: Record<string, unknown> = {}) {
  return {
    applicationId,
    tagline: "Claims in sync, both ways",
    description: "## What it does\n\nKeeps claims in step with your **claims system**.",
    category: "claims",
    tags: ["fnol", "Sync"],
    screenshots: ["https://bridge.example.com/1.png", "https://bridge.example.com/2.png"],
    pricing: { model: "free" },
    ...over,
  };
}

function expectFieldError(res: CallResult, status: number, field: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
}

/** A published app of a new partner (the real lifecycle), named so searches can find it. */
async function liveApp(name: string) {
  return publishedApp(db(), goodApplication({ name }));
}

// ---- create -------------------------------------------------------------------------------

describe("POST /marketplace/listings", () => {
  it("the app's partner lists its published app: 201, public and searchable at once", async () => {
    const app = await liveApp("Albatross Claims");
    const res = await post({ cookie: app.cookie }, goodListing(app.id, { pricing: { model: "paid", monthlyPriceCents: 4900 } }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      slug: app.app.slug,
      name: "Albatross Claims",
      applicationId: app.id,
      tagline: "Claims in sync, both ways",
      category: "claims",
      tags: ["fnol", "sync"],
      screenshots: ["https://bridge.example.com/1.png", "https://bridge.example.com/2.png"],
      pricing: { model: "paid", monthlyPriceCents: 4900 },
      partner: { name: app.partner.name, slug: app.partner.slug },
      rating: { average: null, count: 0 },
      installCount: 0,
      featured: false,
      visibility: "public",
      version: "1.0.0",
      deprecation: null,
      delistedReason: null,
      ratingHistogram: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 },
    });
    expect(res.body.scopes.map((s: { scope: string }) => s.scope)).toEqual(["read:claims", "write:claims"]);
    for (const s of res.body.scopes) expect(s.words.length).toBeGreaterThan(5);

    const pub = await getListing(app.app.slug);
    expect(pub.status).toBe(200);
    expect(pub.body.description).toContain("**claims system**");
    expect(await searchSlugs({ q: "albatross" })).toEqual([app.app.slug]);
  });

  it("answers a second listing for the same app with 409 naming applicationId", async () => {
    const app = await liveApp("Booby Quotes");
    expect((await post({ cookie: app.cookie }, goodListing(app.id))).status).toBe(201);
    const again = await post({ cookie: app.cookie }, goodListing(app.id, { tagline: "Another one" }));
    expectFieldError(again, 409, "applicationId");
    expect((await getListing(app.app.slug)).body.tagline).toBe("Claims in sync, both ways");
  });

  it("takes a partner API key with write:marketplace; refuses read-only keys, billing members, customers and strangers", async () => {
    const app = await liveApp("Curlew Docs");
    const readOnly = await createApiKey(db(), app.partner.id, { scopes: ["read:marketplace"] });
    expect((await post({ bearer: readOnly.key }, goodListing(app.id))).status).toBe(403);
    const billing = await sessionCookie((await addPartnerMember(db(), app.partner.id, "billing")).id);
    expect((await post({ cookie: billing }, goodListing(app.id))).status).toBe(403);
    const customer = await sessionCookie((await createAccountWithMember(db())).user.id);
    expect((await post({ cookie: customer }, goodListing(app.id))).status).toBe(403);
    expect((await post({}, goodListing(app.id))).status).toBe(401);

    const writer = await createApiKey(db(), app.partner.id, { scopes: ["write:marketplace"] });
    const res = await post({ bearer: writer.key }, goodListing(app.id));
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get("ratelimit-limit")).toBeTruthy();
  });

  it("answers 404 for another partner's app, and lists nothing for it", async () => {
    const app = await liveApp("Dunlin Sync");
    const other = await partnerOwner(db());
    const res = await post({ cookie: other.cookie }, goodListing(app.id));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("Dunlin");
    expect((await getListing(app.app.slug)).status).toBe(404);
    expect((await post({ cookie: other.cookie }, goodListing("3f8e2c1a-9b7d-4e6f-8a5b-1c2d3e4f5a6b"))).status).toBe(404);
  });

  it("refuses bad fields with 422 naming each one", async () => {
    const owner = await partnerOwner(db());
    const draft = await createApp(owner.cookie, goodApplication({ name: "Eider Forms" }));
    const id = draft.body.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ tagline: "x".repeat(81) }, "tagline"],
      [{ tagline: "   " }, "tagline"],
      [{ tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, "tags"],
      [{ tags: ["<script>"] }, "tags.0"],
      [{ screenshots: Array.from({ length: 7 }, (_, i) => `https://x.example.com/${i}.png`) }, "screenshots"],
      [{ screenshots: ["http://x.example.com/1.png"] }, "screenshots.0"],
      [{ screenshots: ["javascript:alert(1)"] }, "screenshots.0"],
      [{ logoUrl: "http://x.example.com/logo.png" }, "logoUrl"],
      [{ pricing: { model: "paid" } }, "pricing.monthlyPriceCents"],
      [{ pricing: { model: "paid", monthlyPriceCents: 12.5 } }, "pricing.monthlyPriceCents"],
      [{ pricing: { model: "free", monthlyPriceCents: 100 } }, "pricing.monthlyPriceCents"],
      [{ pricing: { model: "freemium" } }, "pricing.model"],
      [{ category: "not-a-category" }, "category"],
      [{ category: "Claims!" }, "category"],
      [{ description: "x".repeat(20_001) }, "description"],
      [{ applicationId: "not-a-uuid" }, "applicationId"],
      [{ featured: true }, "featured"],
    ];
    for (const [over, field] of cases) {
      const res = await post({ cookie: owner.cookie }, goodListing(id, over));
      expect(res.status, `${JSON.stringify(over).slice(0, 80)}: ${res.text}`).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path), JSON.stringify(over).slice(0, 80)).toContain(field);
    }
    // Exactly at the limits is fine.
    const ok = await post(
      { cookie: owner.cookie },
      goodListing(id, {
        tagline: "x".repeat(80),
        tags: Array.from({ length: 10 }, (_, i) => `tag${i}`),
        screenshots: Array.from({ length: 6 }, (_, i) => `https://x.example.com/${i}.png`),
      }),
    );
    expect(ok.status, ok.text).toBe(201);
  });

  it("replays a POST with the same Idempotency-Key, and refuses the key with another body", async () => {
    const app = await liveApp("Fulmar Leads");
    const headers = { "idempotency-key": "listing-fulmar-1" };
    const first = await post({ cookie: app.cookie }, goodListing(app.id), headers);
    expect(first.status).toBe(201);
    const second = await post({ cookie: app.cookie }, goodListing(app.id), headers);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    const other = await post({ cookie: app.cookie }, goodListing(app.id, { tagline: "Changed" }), headers);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await db().select().from(listings).where(eq(listings.applicationId, app.id))).toHaveLength(1);
  });

  it("keeps control characters a partner sends intact in search highlights (or refuses them naming tagline)", async () => {
    const app = await liveApp("Gadwall Notes");
    const tagline = "Claims \u0002sync\u0003 for \u0003agencies\u0002 today";
    const res = await post({ cookie: app.cookie }, goodListing(app.id, { tagline }));
    if (res.status === 422) {
      expect(res.body.errors[0].path).toBe("tagline");
      return;
    }
    expect(res.status).toBe(201);
    const found = (await search({ q: "gadwall" })).body.data.find((d) => d.slug === app.app.slug)!;
    expect(found.tagline).toBe(tagline);
    expect(found.highlight!.tagline.map((s) => s.text).join("")).toBe(tagline);
  });
});

// ---- when the app is not out yet, renamed or deprecated --------------------------------------

describe("the listing follows its app", () => {
  it("a draft app's listing is 404 to the public until the app is published, then appears in search", async () => {
    const owner = await partnerOwner(db());
    const admin = await adminCookie(db());
    const created = await createApp(owner.cookie, goodApplication({ name: "Grebe Payments" }));
    const id = created.body.id;
    const res = await post({ cookie: owner.cookie }, goodListing(id, { category: "payments" }));
    expect(res.status, res.text).toBe(201);
    expect(res.body.visibility).toBe("awaiting_app");
    const slug = res.body.slug;

    const during = async () => {
      expect((await getListing(slug)).status).toBe(404);
      expect(await searchSlugs({ q: "grebe" })).toEqual([]);
      expect((await getListing(slug, { cookie: owner.cookie })).body.visibility).toBe("awaiting_app");
    };
    await during();
    for (const [name, cookie] of [["submit", owner.cookie], ["review", admin], ["approve", admin]] as const) {
      expect((await step(name, id, cookie)).status).toBe(200);
      await during();
    }
    expect((await step("publish", id, owner.cookie)).status).toBe(200);

    const pub = await getListing(slug);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ visibility: "public", version: "1.0.0" });
    expect(pub.body.publishedAt).toBeTruthy();
    expect(await searchSlugs({ q: "grebe" })).toEqual([slug]);
    expect(await searchSlugs({ sort: "newest", category: "payments" })).toContain(slug);
  });

  it("a deprecated app's listing leaves search and the featured row; its page answers 200 with the notice", async () => {
    const app = await liveApp("Harrier Rating");
    const created = await post({ cookie: app.cookie }, goodListing(app.id));
    const slug = created.body.slug;
    const admin = await adminCookie(db());
    expect((await feature(slug, { cookie: admin }, { featured: true, position: 1 })).status).toBe(200);
    expect((await featured()).map((d) => d.slug)).toContain(slug);

    const sunsetAt = new Date(Date.now() + 45 * 86_400_000).toISOString();
    const dep = await callRoute(deprecateRoute.POST, {
      path: `/api/v1/applications/${app.id}/deprecate`,
      params: { id: app.id },
      cookie: app.cookie,
      body: { sunsetAt, message: "Harrier Rating 2 replaces this app." },
    });
    expect(dep.status, dep.text).toBe(200);
    expect(await searchSlugs({ q: "harrier" })).toEqual([]);
    expect((await featured()).map((d) => d.slug)).not.toContain(slug);
    const page = await getListing(slug);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ visibility: "deprecated", deprecation: { message: "Harrier Rating 2 replaces this app." } });
    expect(Date.parse(page.body.deprecation.sunsetAt)).toBe(Date.parse(sunsetAt));
  });

  it("renaming the published app renames its listing, in search too", async () => {
    const app = await liveApp("Ibis Connect");
    const slug = (await post({ cookie: app.cookie }, goodListing(app.id))).body.slug;
    const renamed = await callRoute(appRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/applications/${app.id}`,
      params: { id: app.id },
      cookie: app.cookie,
      body: { name: "Jacana Connect" },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect((await getListing(slug)).body.name).toBe("Jacana Connect");
    expect(await searchSlugs({ q: "jacana" })).toEqual([slug]);
    expect(await searchSlugs({ q: "ibis" })).toEqual([]);
    // The new name is in the spelling vocabulary.
    expect((await search({ q: "jacanna" })).body.correctedQuery).toBe("jacana");
  });

  it("renaming the partner makes the listing findable under the new partner name", async () => {
    const app = await liveApp("Kittiwake Mail");
    const slug = (await post({ cookie: app.cookie }, goodListing(app.id))).body.slug;
    const res = await callRoute(partnerRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/partners/${app.partner.id}`,
      params: { id: app.partner.id },
      cookie: app.cookie,
      body: { name: "Lapwing Software" },
    });
    expect(res.status, res.text).toBe(200);
    expect(await searchSlugs({ q: "lapwing" })).toEqual([slug]);
    expect((await getListing(slug)).body.partner.name).toBe("Lapwing Software");
  });
});

// ---- edits --------------------------------------------------------------------------------

describe("PATCH /marketplace/listings/{slug}", () => {
  it("the partner edits its listing and search follows; another partner gets 404 and changes nothing", async () => {
    const app = await liveApp("Merlin Docs");
    const slug = (await post({ cookie: app.cookie }, goodListing(app.id))).body.slug;
    const res = await patch(slug, { cookie: app.cookie }, { tagline: "Certificates of insurance in seconds", tags: ["coi"], category: "document-management" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ tagline: "Certificates of insurance in seconds", tags: ["coi"], category: "document-management" });
    expect(await searchSlugs({ q: "certificates" })).toEqual([slug]);
    expect(await searchSlugs({ q: "coi" })).toEqual([slug]);

    const other = await partnerOwner(db());
    const hijack = await patch(slug, { cookie: other.cookie }, { tagline: "Hijacked" });
    expect(hijack.status).toBe(404);
    const otherKey = await createApiKey(db(), other.partner.id, { scopes: ["write:marketplace"] });
    expect((await patch(slug, { bearer: otherKey.key }, { tagline: "Hijacked" })).status).toBe(404);
    // Even an admin does not write a partner's listing copy.
    expect((await patch(slug, { cookie: await adminCookie(db()) }, { tagline: "Hijacked" })).status).toBe(404);
    expect((await getListing(slug)).body.tagline).toBe("Certificates of insurance in seconds");
    expect((await patch("no-such-listing", { cookie: app.cookie }, { tagline: "x" })).status).toBe(404);
  });

  it("validates edits like creates: 422 naming the field", async () => {
    const app = await liveApp("Nightjar Quotes");
    const slug = (await post({ cookie: app.cookie }, goodListing(app.id))).body.slug;
    expectFieldError(await patch(slug, { cookie: app.cookie }, { tagline: "y".repeat(81) }), 422, "tagline");
    expectFieldError(await patch(slug, { cookie: app.cookie }, { category: "nope" }), 422, "category");
    expectFieldError(await patch(slug, { cookie: app.cookie }, { screenshots: ["http://a.example.com/x.png"] }), 422, "screenshots.0");
    expectFieldError(await patch(slug, { cookie: app.cookie }, { pricing: { model: "paid" } }), 422, "pricing.monthlyPriceCents");
    expectFieldError(await patch(slug, { cookie: app.cookie }, { name: "Renamed here" }), 422, "name");
    expect((await getListing(slug)).body.tagline).toBe("Claims in sync, both ways");
  });
});

// ---- admins -------------------------------------------------------------------------------

describe("delist, relist, feature (admins)", () => {
  it("delisting with a reason takes the listing out; the partner sees the reason, the public a 404; relisting brings it back", async () => {
    const app = await liveApp("Oriole Claims");
    const slug = (await post({ cookie: app.cookie }, goodListing(app.id))).body.slug;
    const admin = await adminCookie(db());

    expectFieldError(await delist(slug, { cookie: admin }, {}), 422, "reason");
    const res = await delist(slug, { cookie: admin }, { reason: "Screenshots show another vendor's product" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ visibility: "delisted", delistedReason: "Screenshots show another vendor's product" });

    expect(await searchSlugs({ q: "oriole" })).toEqual([]);
    expect((await getListing(slug)).status).toBe(404);
    expect((await getListing(slug, { cookie: (await partnerOwner(db())).cookie })).status).toBe(404);
    const own = await getListing(slug, { cookie: app.cookie });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ visibility: "delisted", delistedReason: "Screenshots show another vendor's product" });
    expect((await delist(slug, { cookie: admin }, { reason: "Twice" })).status).toBe(409);
    expect((await feature(slug, { cookie: admin }, { featured: true })).status).toBe(409);

    const back = await relist(slug, { cookie: admin });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ visibility: "public", delistedReason: null });
    expect(await searchSlugs({ q: "oriole" })).toEqual([slug]);
    const pub = await getListing(slug);
    expect(pub.status).toBe(200);
    expect(pub.body.delistedReason).toBeNull();
    expect((await relist(slug, { cookie: admin })).status).toBe(409);
  });

  it("the featured row follows the admins' positions, not installs", async () => {
    const admin = await adminCookie(db());
    const a = await insertListing(db(), { name: "Pipit A", installs: 10 });
    const b = await insertListing(db(), { name: "Pipit B", installs: 1000 });
    const c = await insertListing(db(), { name: "Pipit C", installs: 500 });
    for (const [l, position] of [[a, 1], [b, 3], [c, 2]] as const) {
      const res = await feature(l.slug, { cookie: admin }, { featured: true, position });
      expect(res.status, res.text).toBe(200);
      expect(res.body.featured).toBe(true);
    }
    const order = () => featured().then((rows) => rows.filter((d) => d.name.startsWith("Pipit")).map((d) => d.name));
    expect(await order()).toEqual(["Pipit A", "Pipit C", "Pipit B"]);
    expect((await featured()).every((d) => d.featured)).toBe(true);

    expect((await feature(b.slug, { cookie: admin }, { featured: true, position: 0 })).status).toBe(200);
    expect(await order()).toEqual(["Pipit B", "Pipit A", "Pipit C"]);
    expect((await feature(a.slug, { cookie: admin }, { featured: false })).status).toBe(200);
    expect(await order()).toEqual(["Pipit B", "Pipit C"]);
    expect((await search({ q: "pipit" })).body.data.find((d) => d.name === "Pipit A")!.featured).toBe(false);
  });

  it("refuses delist, relist and feature to anyone but admins with 403 (401 without a credential)", async () => {
    const owner = await partnerOwner(db());
    const l = await insertListing(db(), { name: "Quail Sync", partnerId: owner.partner.id });
    const customer = await sessionCookie((await createAccountWithMember(db())).user.id);
    const key = await createApiKey(db(), owner.partner.id, { scopes: ["read:*", "write:*", "manage:*"] });
    for (const who of [{ cookie: owner.cookie }, { cookie: customer }, { bearer: key.key }]) {
      expect((await delist(l.slug, who, { reason: "I want to" })).status).toBe(403);
      expect((await relist(l.slug, who)).status).toBe(403);
      expect((await feature(l.slug, who, { featured: true, position: 1 })).status).toBe(403);
    }
    expect((await delist(l.slug, {}, { reason: "anonymous" })).status).toBe(401);
    expect((await getListing(l.slug)).body).toMatchObject({ visibility: "public", featured: false });
    expect((await delist("no-such-listing", { cookie: await adminCookie(db()) }, { reason: "Gone" })).status).toBe(404);
  });
});

// ---- categories ---------------------------------------------------------------------------

describe("GET /marketplace/categories", () => {
  it("lists the 10 insurance categories in order, counting only public listings", async () => {
    const before = await categories();
    expect(before.map((c) => c.slug)).toEqual([
      "claims",
      "policy-administration",
      "quoting-rating",
      "crm-leads",
      "payments",
      "analytics-reporting",
      "communications",
      "compliance",
      "data-enrichment",
      "document-management",
    ]);
    for (const c of before) expect(c.name.length && c.description.length).toBeTruthy();
    const count = (list: Category[], slug: string) => list.find((c) => c.slug === slug)!.listingCount;

    await insertListing(db(), { name: "Rail Compliance One", category: "compliance" });
    await insertListing(db(), { name: "Rail Compliance Two", category: "compliance" });
    await insertListing(db(), { name: "Rail Draft", category: "compliance", appStatus: "draft" });
    await insertListing(db(), { name: "Rail Deprecated", category: "compliance", appStatus: "deprecated" });
    const gone = await insertListing(db(), { name: "Rail Delisted", category: "compliance" });
    await insertListing(db(), { name: "Rail Enrichment", category: "data-enrichment" });
    expect((await delist(gone.slug, { cookie: await adminCookie(db()) }, { reason: "Duplicate" })).status).toBe(200);

    const after = await categories();
    expect(count(after, "compliance") - count(before, "compliance")).toBe(2);
    expect(count(after, "data-enrichment") - count(before, "data-enrichment")).toBe(1);
    // The count is what a visitor finds when browsing the category.
    for (const c of after) {
      const browse = await search({ category: c.slug });
      expect(browse.body.data.length, c.slug).toBe(Math.min(c.listingCount, 50));
    }
  });
});
