import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import {
  Category,
  CreateListing,
  DelistListing,
  FeatureListing,
  InstallListing,
  InstallStarted,
  Uninstalled,
  ListingItem,
  ListingPage,
  ListingSearchPage,
  ListingStats,
  ListingStatsQuery,
  SearchListingsQuery,
  UpdateListing,
} from "./schemas";

const tags = ["Marketplace"];
const slug = z.object({ slug: z.string() });
const ListOf = (item: z.ZodType, id: string) => z.object({ data: z.array(item) }).meta({ id });

const searchRules = `Words match name, tagline, tags, partner name and description, ranked in that order of weight; an exact name match comes first. The last word matches as a prefix; accents are ignored; \`"quoted phrases"\` and \`-excluded\` words work. When the words find fewer than three listings, words one or two edits from a listing name or tag word are corrected and \`correctedQuery\` says what was searched. Relevance multiplies text rank by log-scaled installs, the Bayesian rating and a freshness boost for new listings.

Sorts: \`relevance\` (default with \`q\`), \`trending\` (default without: installs in the last 7 days by distinct accounts, excluding the partner's own members and installs removed within 24 h, divided by the 28 days before ÷ 4 + 5), \`rating\` (Bayesian, m = 10), \`installs\`, \`newest\`. Cursor pagination is stable on every sort: a cursor carries its search's instant.`;

export const marketplacePaths: ZodOpenApiPathsObject = {
  "/marketplace/listings": {
    get: op({ summary: "Search and browse listings", tags, public: true, query: SearchListingsQuery, response: ListingSearchPage, description: searchRules }),
    post: op({
      summary: "Create the listing of an application",
      tags,
      scopes: ["write:marketplace"],
      body: CreateListing,
      response: ListingPage,
      status: 201,
      errors: [404, 409],
      description: "By the application's partner. The listing is public once (and while) its application is published.",
    }),
  },
  "/marketplace/listings/{slug}": {
    get: op({
      summary: "Get a listing page",
      tags,
      public: true,
      path: slug,
      response: ListingPage,
      description: "Public for listed and deprecated apps (with `deprecation`); delisted listings and those of apps not yet published are visible only to their partner and admins.",
    }),
    patch: op({ summary: "Update a listing", tags, scopes: ["write:marketplace"], path: slug, body: UpdateListing, response: ListingPage }),
  },
  "/marketplace/listings/{slug}/stats": {
    get: op({ summary: "Views, search impressions and clicks of a listing", tags, scopes: ["read:marketplace"], path: slug, query: ListingStatsQuery, response: ListingStats }),
  },
  "/marketplace/listings/{slug}/delist": {
    post: op({ summary: "Delist a listing", tags, admin: true, path: slug, body: DelistListing, response: ListingPage, errors: [409], idempotent: true }),
  },
  "/marketplace/listings/{slug}/relist": {
    post: op({ summary: "Relist a delisted listing", tags, admin: true, path: slug, response: ListingPage, errors: [409], idempotent: true }),
  },
  "/marketplace/listings/{slug}/feature": {
    post: op({ summary: "Feature or unfeature a listing", tags, admin: true, path: slug, body: FeatureListing, response: ListingPage, errors: [409], idempotent: true }),
  },
  "/marketplace/listings/{slug}/install": {
    post: op({
      summary: "Start installing an app into an account",
      tags,
      path: slug,
      body: InstallListing,
      response: InstallStarted,
      status: 201,
      errors: [409],
      idempotent: true,
      description:
        "A signed-in owner or admin of the account starts an install: the integration is `pending` until the user authorizes the app at `authorizeUrl` (the OAuth consent page, showing the app, its partner, each scope in words, the account and the price). Authorize makes it `active`, publishes `integration.connected` to the partner and redirects to the app's first redirect URI with `code` and `state`; Deny removes it. 409 `ALREADY_INSTALLED` when the app is installed in the account, `APP_DEPRECATED` when it is being retired; a pending install is reused.",
    }),
  },
  "/marketplace/installations/{id}/uninstall": {
    post: op({
      summary: "Uninstall an app",
      tags,
      path: z.object({ id: z.uuid() }),
      response: Uninstalled,
      errors: [409],
      idempotent: true,
      description:
        "An owner or admin of the account (or a platform admin). The integration becomes `disconnected`, every access and refresh token the app holds for the account is revoked at once, its consent too (a reinstall asks again), and `integration.disconnected` is published. History, metrics and reviews stay.",
    }),
  },
  "/marketplace/featured": {
    get: op({ summary: "Featured listings, in the admins' order", tags, public: true, response: ListOf(ListingItem, "FeaturedListings") }),
  },
  "/marketplace/trending": {
    get: op({ summary: "Trending listings", tags, public: true, response: ListOf(ListingItem, "TrendingListings") }),
  },
  "/marketplace/categories": {
    get: op({ summary: "Categories with their listing counts", tags, public: true, response: ListOf(Category, "ListingCategories") }),
  },
};
