import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { applicationVersions, auditLog, users } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { afterCursor, cursorOrder, toPage, type Page, type PageQuery } from "@/lib/pagination/cursor";
import { loadApp, toVersion } from "./application-queries";
import { TimelineEntry, type ApplicationVersion } from "./schemas";

export async function listVersions(db: Db, principal: Principal, id: string, q: PageQuery): Promise<Page<ApplicationVersion>> {
  const l = await loadApp(db, principal, id);
  const rows = await db
    .select()
    .from(applicationVersions)
    .where(and(eq(applicationVersions.applicationId, l.app.id), afterCursor(applicationVersions.createdAt, applicationVersions.id, q.cursor)))
    .orderBy(...cursorOrder(applicationVersions.createdAt, applicationVersions.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toVersion);
}

/** The app's audit rows, newest first: every transition with who took it and why. */
export async function listTimeline(db: Db, principal: Principal, id: string, q: PageQuery): Promise<Page<TimelineEntry>> {
  const l = await loadApp(db, principal, id);
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorType: auditLog.actorType,
      actorName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    // actor_id is text (it also holds credential ids); compare as text rather than cast.
    .leftJoin(users, sql`${auditLog.actorType} = 'session' and ${auditLog.actorId} = ${users.id}::text`)
    .where(and(eq(auditLog.targetType, "applications"), eq(auditLog.targetId, l.app.id), afterCursor(auditLog.createdAt, auditLog.id, q.cursor)))
    .orderBy(...cursorOrder(auditLog.createdAt, auditLog.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) =>
    TimelineEntry.parse({
      id: r.id,
      action: r.action,
      actor: r.actorName ?? (r.actorType === "session" ? null : r.actorType.replace("_", " ")),
      details: r.details,
      createdAt: r.createdAt.toISOString(),
    }),
  );
}
