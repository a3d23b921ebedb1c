-- A replay job resumed after a crash could repeat an event; keep its first delivery
-- (before the attempts lose their cascading key).
DELETE FROM "webhook_deliveries" d USING "webhook_deliveries" o WHERE d."replay_job_id" IS NOT NULL AND d."replay_job_id" = o."replay_job_id" AND d."event_id" = o."event_id" AND d."endpoint_id" = o."endpoint_id" AND (d."created_at", d."id") > (o."created_at", o."id");--> statement-breakpoint
ALTER TABLE "webhook_attempts" DROP CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_event_id_events_id_fk";
--> statement-breakpoint
DROP INDEX "webhook_attempts_number_uq";--> statement-breakpoint
DROP INDEX "webhook_deliveries_event_idx";--> statement-breakpoint
DROP INDEX "webhook_deliveries_fanout_uq";--> statement-breakpoint
-- The uuid key goes first: a table has one primary key.
ALTER TABLE "webhook_attempts" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_pk" PRIMARY KEY("delivery_id","attempt_number");--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_endpoint_uq" UNIQUE NULLS NOT DISTINCT("event_id","endpoint_id","replay_job_id");
