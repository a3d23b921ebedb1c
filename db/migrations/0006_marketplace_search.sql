-- Marketplace search. unaccent() is not immutable, so a generated column cannot call it:
-- a text search configuration whose word mappings pass through the unaccent dictionary is.
-- pg_trgm and fuzzystrmatch serve the typo fallback (lib/marketplace/typo-correction.ts).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION portico_search (COPY = english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION portico_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;--> statement-breakpoint
-- array_to_string is only stable (it calls type output functions); on text[] it is immutable in fact.
CREATE FUNCTION portico_tags_text(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$;--> statement-breakpoint
CREATE TABLE "listing_stats_daily" (
	"listing_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "listings" ALTER COLUMN "status" SET DEFAULT 'published';--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "pricing_model" text DEFAULT 'free' NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "monthly_price_cents" integer;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "partner_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "featured_position" integer;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "delisted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "delisted_reason" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('portico_search'::regconfig, name), 'A') || setweight(to_tsvector('portico_search'::regconfig, tagline || ' ' || portico_tags_text(tags)), 'B') || setweight(to_tsvector('portico_search'::regconfig, partner_name), 'C') || setweight(to_tsvector('portico_search'::regconfig, description), 'D')) STORED;--> statement-breakpoint
ALTER TABLE "listing_stats_daily" ADD CONSTRAINT "listing_stats_daily_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "listing_stats_daily_uq" ON "listing_stats_daily" USING btree ("listing_id","day");--> statement-breakpoint
CREATE INDEX "listings_search_idx" ON "listings" USING gin ("search_vector");--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_pricing_ck" CHECK ("listings"."pricing_model" in ('free', 'paid') and ("listings"."monthly_price_cents" is null or "listings"."monthly_price_cents" >= 0));--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
INSERT INTO "listing_categories" ("slug", "name", "description", "sort_order") VALUES
  ('claims', 'Claims', 'First notice of loss, adjusting, fraud checks and settlement.', 10),
  ('policy-administration', 'Policy administration', 'Issue, endorse, renew and cancel policies.', 20),
  ('quoting-rating', 'Quoting & rating', 'Rating engines, comparative raters and quote portals.', 30),
  ('crm-leads', 'CRM & leads', 'Capture, route and nurture leads; sync contacts with your CRM.', 40),
  ('payments', 'Payments', 'Premium collection, instalments, refunds and commissions.', 50),
  ('analytics-reporting', 'Analytics & reporting', 'Dashboards, loss ratios, production and carrier reports.', 60),
  ('communications', 'Communications', 'Email, SMS, e-signature and customer messaging.', 70),
  ('compliance', 'Compliance', 'Licensing, audits, KYC and regulatory filings.', 80),
  ('data-enrichment', 'Data enrichment', 'Property, vehicle, business and risk data.', 90),
  ('document-management', 'Document management', 'Storage, OCR, templates and certificates of insurance.', 100)
ON CONFLICT ("slug") DO NOTHING;
