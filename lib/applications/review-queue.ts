import { and, asc, eq, gt, inArray, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, applicationVersions, partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination/cursor";
import { Forbidden } from "@/lib/errors";
import { toVersion } from "./application-queries";
import { ReviewQueueItem, type ReviewQueueQuery } from "./schemas";

// The review queue is of versions, not apps: a published app's update waits here too while the
// app stays published. Oldest submission first, so nothing starves; the cursor walks forward.

function afterSubmitted(cursor?: string): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  const t = new Date(c.t);
  return or(gt(applicationVersions.submittedAt, t), and(eq(applicationVersions.submittedAt, t), gt(applicationVersions.id, c.id)));
}

export async function reviewQueue(db: Db, principal: Principal, q: ReviewQueueQuery, now = new Date()): Promise<Page<ReviewQueueItem>> {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins review applications");
  const rows = await db
    .select({ version: applicationVersions, app: applications, partnerName: partners.name })
    .from(applicationVersions)
    .innerJoin(applications, eq(applications.id, applicationVersions.applicationId))
    .innerJoin(partners, eq(partners.id, applications.partnerId))
    .where(
      and(
        q.status ? eq(applicationVersions.status, q.status) : inArray(applicationVersions.status, ["submitted", "in_review"]),
        // Only the version the app is on: an older candidate superseded by an edit is not reviewable.
        eq(applications.currentVersionId, applicationVersions.id),
        // A deprecated app's pending version can take no step any more.
        ne(applications.status, "deprecated"),
        afterSubmitted(q.cursor),
      ),
    )
    .orderBy(asc(applicationVersions.submittedAt), asc(applicationVersions.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) =>
      ReviewQueueItem.parse({
        applicationId: r.app.id,
        name: r.app.name,
        slug: r.app.slug,
        partnerId: r.app.partnerId,
        partnerName: r.partnerName,
        version: toVersion(r.version),
        isUpdate: r.app.liveVersionId !== null,
        waitingSeconds: Math.max(0, Math.floor((now.getTime() - (r.version.submittedAt ?? r.version.createdAt).getTime()) / 1000)),
      }),
    ),
    nextCursor: more && last ? encodeCursor(last.version.submittedAt ?? last.version.createdAt, last.version.id) : null,
  };
}
