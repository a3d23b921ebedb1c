import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { reviewReports, users } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { isoText } from "@/lib/marketplace/listing-item";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination/cursor";
import { reviewColumns, reviewJoins, toModeratedReview, type ReviewRow } from "./review-item";
import type { ListReviewReportsQuery, ReviewReportGroup } from "./schemas";

// The admins' moderation queue. A review five people reported is one decision, not five: the queue
// holds one entry per review, with how many reported it and why. Open entries come oldest first (the
// longest wait on top); resolved ones latest decision first.

const REPORTS_PER_ENTRY = 20;

type GroupRow = ReviewRow & {
  group_id: string;
  group_at: string;
  report_count: number;
  first_reported_at: string;
  listing_slug: string;
  listing_name: string;
  partner_name: string;
  resolution: "hidden" | "dismissed" | null;
  resolved_at: string | null;
  resolved_by_name: string | null;
};

export async function listReviewReports(
  db: Db,
  q: Pick<ListReviewReportsQuery, "status" | "limit" | "cursor">,
  only?: { reviewId: string },
): Promise<Page<ReviewReportGroup>> {
  const open = q.status === "open";
  const c = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = rowsOf<GroupRow>(
    await db.execute(sql`
      with g as (
        select rr.review_id,
          min(rr.created_at) as first_at,
          max(rr.resolved_at) as last_resolved_at,
          count(*)::int as n,
          (array_agg(rr.id order by rr.created_at, rr.id))[1] as first_id,
          (array_agg(rr.id order by rr.resolved_at desc nulls last, rr.id desc))[1] as last_id
        from review_reports rr
        where ${open ? sql`rr.resolved_at is null` : sql`rr.resolved_at is not null`}
          ${only ? sql`and rr.review_id = ${only.reviewId}` : sql``}
        group by rr.review_id
      )
      select ${reviewColumns(null)},
        ${open ? sql`g.first_id` : sql`g.last_id`} as group_id,
        ${isoText(open ? sql`g.first_at` : sql`g.last_resolved_at`)} as group_at,
        ${isoText(sql`g.first_at`)} as first_reported_at,
        g.n as report_count,
        l.slug as listing_slug, l.name as listing_name, p.name as partner_name,
        last.resolution, ${isoText(sql`last.resolved_at`)} as resolved_at, ru.name as resolved_by_name
      from g
        join reviews r on r.id = g.review_id ${reviewJoins}
        join listings l on l.id = r.listing_id
        join partners p on p.id = l.partner_id
        left join review_reports last on ${open ? sql`false` : sql`last.id = g.last_id`}
        left join users ru on ru.id = last.resolved_by
      where true
        ${
          c
            ? open
              ? sql`and (g.first_at, g.review_id) > (${c.t}::timestamptz, ${c.id}::uuid)`
              : sql`and (g.last_resolved_at, g.review_id) < (${c.t}::timestamptz, ${c.id}::uuid)`
            : sql``
        }
      order by ${open ? sql`g.first_at asc, g.review_id asc` : sql`g.last_resolved_at desc, g.review_id desc`}
      limit ${q.limit + 1}`),
  );
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;

  const ids = page.map((r) => r.id);
  const reports = ids.length
    ? await db
        .select({ id: reviewReports.id, reviewId: reviewReports.reviewId, reason: reviewReports.reason, createdAt: reviewReports.createdAt, reporter: users.name })
        .from(reviewReports)
        .innerJoin(users, eq(users.id, reviewReports.reporterId))
        .where(and(inArray(reviewReports.reviewId, ids), open ? isNull(reviewReports.resolvedAt) : isNotNull(reviewReports.resolvedAt)))
        .orderBy(desc(reviewReports.createdAt), desc(reviewReports.id))
    : [];
  const byReview = new Map<string, ReviewReportGroup["reports"]>();
  for (const r of reports) {
    const list = byReview.get(r.reviewId) ?? [];
    if (list.length < REPORTS_PER_ENTRY) list.push({ id: r.id, reason: r.reason, reporter: { name: r.reporter }, createdAt: r.createdAt.toISOString() });
    byReview.set(r.reviewId, list);
  }

  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: r.group_id,
      status: open ? "open" : "resolved",
      resolution: open ? null : r.resolution,
      resolvedAt: open ? null : r.resolved_at,
      resolvedBy: !open && r.resolved_by_name !== null ? { name: r.resolved_by_name } : null,
      firstReportedAt: r.first_reported_at,
      reportCount: Number(r.report_count),
      reports: byReview.get(r.id) ?? [],
      review: toModeratedReview(r, null),
      listing: { slug: r.listing_slug, name: r.listing_name, partner: { name: r.partner_name } },
    })),
    nextCursor: more && last ? encodeCursor(new Date(last.group_at), last.id) : null,
  };
}
