DROP INDEX "application_security_checks_version_idx";--> statement-breakpoint
DROP INDEX "oauth_clients_application_idx";--> statement-breakpoint
ALTER TABLE "application_security_checks" ADD COLUMN "field" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "application_security_checks" ADD COLUMN "message" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "health_check_url" text;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "config_schema" jsonb;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "mappable_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "scope_justifications" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "submitted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "reviewed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "review_notes" text;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "review_checklist" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "published_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "application_versions" ADD COLUMN "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "privacy_policy_url" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "support_email" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "live_version_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "signing_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "previous_signing_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "previous_signing_secret_expires_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "sunset_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "deprecation_message" text;--> statement-breakpoint
ALTER TABLE "application_versions" ADD CONSTRAINT "application_versions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_live_version_id_application_versions_id_fk" FOREIGN KEY ("live_version_id") REFERENCES "public"."application_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "application_security_checks_version_uq" ON "application_security_checks" USING btree ("version_id","check");--> statement-breakpoint
CREATE INDEX "application_versions_queue_idx" ON "application_versions" USING btree ("status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "application_versions_reviewed_by_idx" ON "application_versions" USING btree ("reviewed_by");--> statement-breakpoint
CREATE INDEX "applications_live_version_idx" ON "applications" USING btree ("live_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_clients_application_uq" ON "oauth_clients" USING btree ("application_id");