import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, integrations, notifications, partnerMembers } from "@/db/schema";

type Note = { kind: string; title: string; body?: string };

/** An in-app notification to every member of the partner. */
export async function notifyPartner(db: Db, partnerId: string, note: Note) {
  const members = await db.select({ userId: partnerMembers.userId }).from(partnerMembers).where(eq(partnerMembers.partnerId, partnerId));
  if (!members.length) return;
  await db.insert(notifications).values(members.map((m) => ({ userId: m.userId, partnerId, kind: note.kind, title: note.title, body: note.body ?? "" })));
}

/** An in-app notification to every member of every account that has the app installed now; returns how many accounts. */
export async function notifyInstallers(db: Db, applicationId: string, note: Note): Promise<number> {
  const rows = await db
    .selectDistinct({ accountId: integrations.accountId, userId: accountMembers.userId })
    .from(integrations)
    .innerJoin(accountMembers, eq(accountMembers.accountId, integrations.accountId))
    .where(and(eq(integrations.applicationId, applicationId), isNull(integrations.uninstalledAt)));
  if (rows.length) {
    await db.insert(notifications).values(rows.map((r) => ({ userId: r.userId, kind: note.kind, title: note.title, body: note.body ?? "" })));
  }
  return new Set(rows.map((r) => r.accountId)).size;
}
