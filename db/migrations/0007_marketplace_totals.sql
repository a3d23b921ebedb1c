CREATE TABLE "marketplace_totals" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"rating_sum" bigint DEFAULT 0 NOT NULL,
	"rating_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "marketplace_totals_one_row_ck" CHECK ("marketplace_totals"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "marketplace_totals" ("id", "rating_sum", "rating_count")
  SELECT 1, coalesce(sum("rating_sum"), 0), coalesce(sum("rating_count"), 0) FROM "listings";--> statement-breakpoint
-- Statement-level, over the transition tables: a bulk write moves the totals once, not once per row.
CREATE FUNCTION marketplace_totals_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE marketplace_totals t SET rating_sum = t.rating_sum + d.s, rating_count = t.rating_count + d.c
      FROM (SELECT coalesce(sum(rating_sum), 0) AS s, coalesce(sum(rating_count), 0) AS c FROM new_rows) d WHERE t.id = 1;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE marketplace_totals t SET rating_sum = t.rating_sum - d.s, rating_count = t.rating_count - d.c
      FROM (SELECT coalesce(sum(rating_sum), 0) AS s, coalesce(sum(rating_count), 0) AS c FROM old_rows) d WHERE t.id = 1;
  ELSE
    UPDATE marketplace_totals t SET rating_sum = t.rating_sum + n.s - o.s, rating_count = t.rating_count + n.c - o.c
      FROM (SELECT coalesce(sum(rating_sum), 0) AS s, coalesce(sum(rating_count), 0) AS c FROM new_rows) n,
           (SELECT coalesce(sum(rating_sum), 0) AS s, coalesce(sum(rating_count), 0) AS c FROM old_rows) o
      WHERE t.id = 1 AND (n.s <> o.s OR n.c <> o.c);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER listings_totals_insert AFTER INSERT ON listings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION marketplace_totals_follow();--> statement-breakpoint
CREATE TRIGGER listings_totals_update AFTER UPDATE ON listings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION marketplace_totals_follow();--> statement-breakpoint
CREATE TRIGGER listings_totals_delete AFTER DELETE ON listings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION marketplace_totals_follow();
