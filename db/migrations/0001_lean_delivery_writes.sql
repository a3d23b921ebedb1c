ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_partner_id_partners_id_fk";
--> statement-breakpoint
DROP INDEX "webhook_deliveries_due_idx";--> statement-breakpoint
DROP INDEX "webhook_deliveries_replay_job_idx";--> statement-breakpoint
ALTER TABLE "webhook_attempts" ALTER COLUMN "request_body" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" in ('pending', 'failed');--> statement-breakpoint
CREATE INDEX "webhook_deliveries_replay_job_idx" ON "webhook_deliveries" USING btree ("replay_job_id") WHERE "webhook_deliveries"."replay_job_id" is not null;