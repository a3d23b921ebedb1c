CREATE TABLE "billing_counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"partner_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"trigger" text DEFAULT 'manual' NOT NULL,
	"total_partners" integer,
	"processed_partners" integer DEFAULT 0 NOT NULL,
	"cursor" uuid,
	"created_count" integer DEFAULT 0 NOT NULL,
	"amount_cents" bigint DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp (3) with time zone,
	"error" text,
	"requested_by" uuid,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_runs_period_ck" CHECK ("billing_runs"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "billing_runs_kind_ck" CHECK ("billing_runs"."kind" in ('invoices', 'payouts')),
	CONSTRAINT "billing_runs_status_ck" CHECK ("billing_runs"."status" in ('pending', 'running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "partner_balances" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"balance_cents" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"period" text NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"gross_cents" bigint NOT NULL,
	"revenue_share_bps" integer NOT NULL,
	"platform_share_cents" bigint NOT NULL,
	"carried_in_cents" bigint NOT NULL,
	"net_cents" bigint NOT NULL,
	"carried_out_cents" bigint NOT NULL,
	"payout_id" uuid,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"run_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_statements_period_ck" CHECK ("payout_statements"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "pricing_plans" DROP CONSTRAINT "pricing_plans_amounts_ck";--> statement-breakpoint
DROP INDEX "pricing_plans_partner_uq";--> statement-breakpoint
DROP INDEX "invoice_line_items_invoice_idx";--> statement-breakpoint
DROP INDEX "invoices_partner_period_uq";--> statement-breakpoint
ALTER TABLE "invoices" ALTER COLUMN "status" SET DEFAULT 'open';--> statement-breakpoint
ALTER TABLE "pricing_plans" ALTER COLUMN "partner_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "pricing_plans" ALTER COLUMN "flat_fee_cents" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "pricing_plans" ALTER COLUMN "flat_fee_cents" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "pricing_plans" ALTER COLUMN "included_calls" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "payment_reference" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "run_id" uuid;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "gross_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "platform_share_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "carried_forward_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "failed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "provider" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "run_id" uuid;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_balances" ADD CONSTRAINT "partner_balances_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_statements" ADD CONSTRAINT "payout_statements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_statements" ADD CONSTRAINT "payout_statements_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_statements" ADD CONSTRAINT "payout_statements_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_runs_created_idx" ON "billing_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_runs_scheduled_uq" ON "billing_runs" USING btree ("kind","period") WHERE "billing_runs"."trigger" = 'schedule' and "billing_runs"."partner_id" is null;--> statement-breakpoint
CREATE INDEX "billing_runs_status_idx" ON "billing_runs" USING btree ("status","lease_until");--> statement-breakpoint
CREATE INDEX "billing_runs_partner_idx" ON "billing_runs" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "billing_runs_requested_by_idx" ON "billing_runs" USING btree ("requested_by");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_statements_partner_period_uq" ON "payout_statements" USING btree ("partner_id","period");--> statement-breakpoint
CREATE INDEX "payout_statements_partner_idx" ON "payout_statements" USING btree ("partner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "payout_statements_payout_idx" ON "payout_statements" USING btree ("payout_id");--> statement-breakpoint
CREATE INDEX "payout_statements_run_idx" ON "payout_statements" USING btree ("run_id");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_run_idx" ON "invoices" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "payouts_run_idx" ON "payouts" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pricing_plans_partner_from_uq" ON "pricing_plans" USING btree ("partner_id","effective_from");--> statement-breakpoint
CREATE INDEX "invoice_line_items_invoice_idx" ON "invoice_line_items" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_partner_period_uq" ON "invoices" USING btree ("partner_id","period") WHERE "invoices"."status" <> 'void';--> statement-breakpoint
ALTER TABLE "pricing_plans" DROP COLUMN "unit_price_cents_per_1000";--> statement-breakpoint
ALTER TABLE "pricing_plans" ADD CONSTRAINT "pricing_plans_amounts_ck" CHECK (coalesce("pricing_plans"."flat_fee_cents", 0) >= 0 and "pricing_plans"."included_calls" >= 0 and "pricing_plans"."minimum_cents" >= 0);--> statement-breakpoint
ALTER TABLE "pricing_plans" DROP CONSTRAINT "pricing_plans_bps_ck";--> statement-breakpoint
ALTER TABLE "pricing_plans" ADD COLUMN "flat_fee_interval" text DEFAULT 'month' NOT NULL;--> statement-breakpoint
ALTER TABLE "pricing_plans" ADD COLUMN "tiers" jsonb;--> statement-breakpoint
ALTER TABLE "pricing_plans" ADD COLUMN "tier_mode" text DEFAULT 'graduated' NOT NULL;--> statement-breakpoint
ALTER TABLE "pricing_plans" ADD COLUMN "tax_rate_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pricing_plans" ADD CONSTRAINT "pricing_plans_interval_ck" CHECK ("pricing_plans"."flat_fee_interval" in ('month', 'year') and "pricing_plans"."tier_mode" in ('graduated', 'volume'));--> statement-breakpoint
ALTER TABLE "pricing_plans" ADD CONSTRAINT "pricing_plans_bps_ck" CHECK ("pricing_plans"."revenue_share_bps" between 0 and 10000 and "pricing_plans"."tax_rate_bps" between 0 and 10000);--> statement-breakpoint
-- Invoice numbers continue from whatever was issued before (none so far); the row exists so an UPDATE … RETURNING can take the next one.
INSERT INTO "billing_counters" ("name", "value") VALUES ('invoice', (SELECT count(*) FROM "invoices")) ON CONFLICT DO NOTHING;
