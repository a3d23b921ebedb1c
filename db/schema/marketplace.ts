import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { applications } from "./applications";
import { listingStatus } from "./enums";
import { partners } from "./partners";
import { users } from "./users";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const listingCategories = pgTable(
  "listing_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("listing_categories_slug_uq").on(t.slug),
    index("listing_categories_sort_idx").on(t.sortOrder, t.name),
  ],
);

export const listings = pgTable(
  "listings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    tagline: text("tagline").notNull().default(""),
    description: text("description").notNull().default(""),
    // A listing_categories slug.
    category: text("category"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    logoUrl: text("logo_url"),
    screenshots: text("screenshots").array().notNull().default(sql`'{}'::text[]`),
    pricingModel: text("pricing_model").$type<"free" | "paid">().notNull().default("free"),
    monthlyPriceCents: integer("monthly_price_cents"),
    // Denormalised for the search vector (a generated column reads only its own row);
    // kept in step when the partner is renamed.
    partnerName: text("partner_name").notNull().default(""),
    // "published" once the partner has written it; it is public while its app is published.
    status: listingStatus("status").notNull().default("published"),
    featured: boolean("featured").notNull().default(false),
    featuredPosition: integer("featured_position"),
    delistedAt: timestamp("delisted_at", { withTimezone: true, precision: 3 }),
    delistedReason: text("delisted_reason"),
    // Weighted, accent-insensitive (the portico_search configuration maps words through
    // unaccent): name A, tagline and tags B, partner C, description D. See migration 0005.
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('portico_search'::regconfig, name), 'A') || setweight(to_tsvector('portico_search'::regconfig, tagline || ' ' || portico_tags_text(tags)), 'B') || setweight(to_tsvector('portico_search'::regconfig, partner_name), 'C') || setweight(to_tsvector('portico_search'::regconfig, description), 'D')`,
    ),
    // Denormalised counters, kept in the same transaction as installs and reviews;
    // the average rating is ratingSum / ratingCount.
    installCount: integer("install_count").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    ratingSum: integer("rating_sum").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("listings_slug_uq").on(t.slug),
    // One marketplace listing per application.
    uniqueIndex("listings_application_uq").on(t.applicationId),
    index("listings_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("listings_status_category_idx").on(t.status, t.category),
    index("listings_status_installs_idx").on(t.status, t.installCount),
    index("listings_status_published_idx").on(t.status, t.publishedAt),
    index("listings_featured_idx").on(t.status, t.publishedAt).where(sql`${t.featured}`),
    index("listings_tags_idx").using("gin", t.tags),
    index("listings_search_idx").using("gin", t.searchVector),
    check("listings_pricing_ck", sql`${t.pricingModel} in ('free', 'paid') and (${t.monthlyPriceCents} is null or ${t.monthlyPriceCents} >= 0)`),
    check(
      "listings_counters_ck",
      sql`${t.installCount} >= 0 and ${t.ratingCount} >= 0 and ${t.ratingSum} >= 0`,
    ),
  ],
);

export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rating: smallint("rating").notNull(),
    title: text("title").notNull().default(""),
    body: text("body").notNull().default(""),
    partnerReply: text("partner_reply"),
    partnerReplyAt: timestamp("partner_reply_at", { withTimezone: true, precision: 3 }),
    partnerReplyBy: uuid("partner_reply_by").references(() => users.id, { onDelete: "set null" }),
    partnerReplyEditedAt: timestamp("partner_reply_edited_at", { withTimezone: true, precision: 3 }),
    // Set when the author changes rating, title or body after posting ("edited" on the page).
    editedAt: timestamp("edited_at", { withTimezone: true, precision: 3 }),
    // Moderated reviews stay for the record but drop out of listing pages and averages.
    hiddenAt: timestamp("hidden_at", { withTimezone: true, precision: 3 }),
    hiddenReason: text("hidden_reason"),
    hiddenBy: uuid("hidden_by").references(() => users.id, { onDelete: "set null" }),
    // Denormalised count of review_votes, kept in the vote's transaction ("most helpful" sort).
    helpfulCount: integer("helpful_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reviews_listing_user_uq").on(t.listingId, t.userId),
    index("reviews_listing_idx").on(t.listingId, t.createdAt, t.id),
    index("reviews_account_idx").on(t.accountId, t.createdAt, t.id),
    index("reviews_user_idx").on(t.userId),
    index("reviews_partner_reply_by_idx").on(t.partnerReplyBy),
    index("reviews_hidden_by_idx").on(t.hiddenBy),
    check("reviews_rating_ck", sql`${t.rating} between 1 and 5`),
  ],
);

/** "Helpful" votes: one per user and review. */
export const reviewVotes = pgTable(
  "review_votes",
  {
    reviewId: uuid("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("review_votes_uq").on(t.reviewId, t.userId), index("review_votes_user_idx").on(t.userId)],
);

/** Reports of a review by signed-in users: the admins' moderation queue is the unresolved ones. */
export const reviewReports = pgTable(
  "review_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    // "hidden" (the review was hidden) or "dismissed" (it stays).
    resolution: text("resolution"),
  },
  (t) => [
    uniqueIndex("review_reports_reporter_uq").on(t.reviewId, t.reporterId),
    index("review_reports_open_idx").on(t.createdAt, t.id).where(sql`${t.resolvedAt} is null`),
    index("review_reports_reporter_idx").on(t.reporterId),
    index("review_reports_resolved_by_idx").on(t.resolvedBy),
  ],
);

/** Words of listing names and tags: the vocabulary a misspelt query is corrected against. */
export const searchTerms = pgTable("search_terms", {
  term: text("term").primaryKey(),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Per listing and day: page views, appearances in search results and clicks from them. */
export const listingStatsDaily = pgTable(
  "listing_stats_daily",
  {
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    views: integer("views").notNull().default(0),
    impressions: integer("impressions").notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
  },
  (t) => [uniqueIndex("listing_stats_daily_uq").on(t.listingId, t.day)],
);

/**
 * One row: the sum and count of visible review ratings over every listing, kept by statement
 * triggers on listings (migration 0007), so ranking reads the catalogue mean C without a scan.
 */
export const marketplaceTotals = pgTable(
  "marketplace_totals",
  {
    id: smallint("id").primaryKey().default(1),
    ratingSum: bigint("rating_sum", { mode: "number" }).notNull().default(0),
    ratingCount: bigint("rating_count", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("marketplace_totals_one_row_ck", sql`${t.id} = 1`)],
);
