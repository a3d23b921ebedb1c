import { z } from "zod";
import { MAX_QUERY_LENGTH } from "./query-text";

const HttpsUrl = z.url({ protocol: /^https$/, error: "must be an absolute https URL" }).max(2000);
const Slug = z.string().trim().min(1).max(60).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens");

export const pricingModels = ["free", "paid"] as const;
export const Pricing = z
  .object({
    model: z.enum(pricingModels),
    monthlyPriceCents: z.number().int().min(1).max(100_000_000).optional().describe("Required for paid listings; integer cents"),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.model === "paid" && p.monthlyPriceCents === undefined)
      ctx.addIssue({ code: "custom", path: ["monthlyPriceCents"], message: "a paid listing needs a monthly price" });
    if (p.model === "free" && p.monthlyPriceCents !== undefined)
      ctx.addIssue({ code: "custom", path: ["monthlyPriceCents"], message: "a free listing has no price" });
  })
  .meta({ id: "ListingPricing" });
export type Pricing = z.infer<typeof Pricing>;

// Control characters have no place in listing text (and the search highlighter uses two as markers).
const noControl = (allowLines: boolean) => (v: string) => !(allowLines ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(v);
const controlMessage = "must not contain control characters";

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} &+.-]*$/u, "letters, digits, spaces and & + . -")
  .transform((t) => t.toLowerCase());

const editable = {
  tagline: z.string().trim().min(1).max(80).refine(noControl(false), controlMessage),
  description: z.string().trim().max(20_000).refine(noControl(true), controlMessage).describe("Markdown; rendered without raw HTML, links marked nofollow"),
  category: Slug.describe("A slug from GET /marketplace/categories"),
  tags: z
    .array(Tag)
    .max(10)
    .transform((tags) => [...new Set(tags)]),
  logoUrl: HttpsUrl.nullable(),
  screenshots: z.array(HttpsUrl).max(6),
  pricing: Pricing,
};

export const CreateListing = z
  .object({
    applicationId: z.uuid(),
    tagline: editable.tagline,
    description: editable.description,
    category: editable.category,
    tags: editable.tags.default([]),
    logoUrl: editable.logoUrl.optional(),
    screenshots: editable.screenshots.default([]),
    pricing: editable.pricing,
  })
  .strict()
  .meta({ id: "CreateListing" });
export type CreateListing = z.infer<typeof CreateListing>;

export const UpdateListing = z
  .object({
    tagline: editable.tagline.optional(),
    description: editable.description.optional(),
    category: editable.category.optional(),
    tags: editable.tags.optional(),
    logoUrl: editable.logoUrl.optional(),
    screenshots: editable.screenshots.optional(),
    pricing: editable.pricing.optional(),
  })
  .strict()
  .meta({ id: "UpdateListing" });
export type UpdateListing = z.infer<typeof UpdateListing>;

export const DelistListing = z.object({ reason: z.string().trim().min(3).max(1000) }).strict().meta({ id: "DelistListing" });
export type DelistListing = z.infer<typeof DelistListing>;

export const FeatureListing = z
  .object({
    featured: z.boolean(),
    position: z.number().int().min(0).max(1000).optional().describe("Order in the featured row, lowest first"),
  })
  .strict()
  .meta({ id: "FeatureListing" });
export type FeatureListing = z.infer<typeof FeatureListing>;

export const sorts = ["relevance", "trending", "rating", "installs", "newest"] as const;
export type SearchSort = (typeof sorts)[number];

export const SearchListingsQuery = z
  .object({
    q: z
      .string()
      .transform((q) => q.slice(0, MAX_QUERY_LENGTH))
      .optional()
      .describe(`Search words; a longer query is cut at ${MAX_QUERY_LENGTH} characters`),
    sort: z.enum(sorts).optional().describe("Default: relevance with q, trending without"),
    category: Slug.optional(),
    pricing: z.enum(pricingModels).optional(),
    minRating: z.coerce.number().min(0).max(5).optional().describe("Minimum average rating (1 decimal)"),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z.string().max(300).optional(),
  })
  .strict()
  .meta({ id: "SearchListingsQuery" });
export type SearchListingsQuery = z.infer<typeof SearchListingsQuery>;

const Segment = z.object({ text: z.string(), match: z.boolean() });
export const ListingItem = z
  .object({
    slug: z.string(),
    name: z.string(),
    tagline: z.string(),
    category: z.string().nullable(),
    tags: z.array(z.string()),
    logoUrl: z.string().nullable(),
    partner: z.object({ name: z.string(), slug: z.string() }),
    rating: z.object({ average: z.number().nullable().describe("Mean of visible reviews, one decimal; null without reviews"), count: z.number().int() }),
    installCount: z.number().int(),
    featured: z.boolean(),
    pricing: z.object({ model: z.enum(pricingModels), monthlyPriceCents: z.number().int().optional() }),
    publishedAt: z.string().nullable(),
    highlight: z
      .object({ name: z.array(Segment), tagline: z.array(Segment) })
      .optional()
      .describe("With q: the name and tagline split into matched and unmatched parts"),
  })
  .meta({ id: "ListingItem" });
export type ListingItem = z.infer<typeof ListingItem>;

export const ListingSearchPage = z
  .object({
    data: z.array(ListingItem),
    nextCursor: z.string().nullable(),
    sort: z.enum(sorts),
    correctedQuery: z.string().nullable().describe('When the query found little and a spelling correction found more: what was searched instead ("Showing results for …")'),
  })
  .meta({ id: "ListingSearchPage" });
export type ListingSearchPage = z.infer<typeof ListingSearchPage>;

export const ListingPage = ListingItem.omit({ highlight: true })
  .extend({
    id: z.uuid(),
    applicationId: z.uuid(),
    description: z.string(),
    screenshots: z.array(z.string()),
    scopes: z.array(z.object({ scope: z.string(), words: z.string() })),
    ratingHistogram: z.record(z.enum(["1", "2", "3", "4", "5"]), z.number().int()),
    version: z.string().nullable(),
    updatedAt: z.string(),
    websiteUrl: z.string().nullable(),
    supportEmail: z.string().nullable(),
    privacyPolicyUrl: z.string().nullable(),
    deprecation: z.object({ sunsetAt: z.string(), message: z.string() }).nullable(),
    visibility: z
      .enum(["public", "awaiting_app", "deprecated", "delisted"])
      .describe("public: in search; awaiting_app: its app is not published yet; deprecated: page only; delisted: removed by an admin"),
    delistedReason: z.string().nullable().describe("Shown to the listing's partner and admins only"),
  })
  .meta({ id: "Listing" });
export type ListingPage = z.infer<typeof ListingPage>;

export const Category = z
  .object({ slug: z.string(), name: z.string(), description: z.string(), listingCount: z.number().int() })
  .meta({ id: "ListingCategory" });
export type Category = z.infer<typeof Category>;

export const ListingStatsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) }).strict();
export const ListingStats = z
  .object({
    days: z.array(z.object({ day: z.string(), views: z.number().int(), impressions: z.number().int(), clicks: z.number().int() })),
    totals: z.object({ views: z.number().int(), impressions: z.number().int(), clicks: z.number().int(), clickThroughRate: z.number().nullable() }),
  })
  .meta({ id: "ListingStats" });
export type ListingStats = z.infer<typeof ListingStats>;

export const InstallListing = z
  .object({ accountId: z.uuid().optional().describe("The account to install into (default: the caller's account); the caller must be its owner or admin") })
  .strict()
  .meta({ id: "InstallListing" });
export type InstallListing = z.infer<typeof InstallListing>;

export const InstallStarted = z
  .object({
    id: z.uuid(),
    status: z.literal("pending"),
    listingId: z.uuid(),
    applicationId: z.uuid(),
    accountId: z.uuid(),
    authorizeUrl: z.url().describe("The consent page; Authorize makes the integration active and redirects to the app with `code` and `state` (= the integration id)"),
  })
  .meta({ id: "InstallStarted" });

export const Uninstalled = z
  .object({ id: z.uuid(), status: z.literal("disconnected"), uninstalledAt: z.iso.datetime(), revokedTokens: z.number().int() })
  .meta({ id: "Uninstalled" });
