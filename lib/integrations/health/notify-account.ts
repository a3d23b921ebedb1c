import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, notifications } from "@/db/schema";

type Note = { kind: string; title: string; body?: string };

/** An in-app notification to every member of the customer account (notifyPartner's counterpart); returns how many. */
export async function notifyAccount(db: Db, accountId: string, note: Note): Promise<number> {
  const members = await db.select({ userId: accountMembers.userId }).from(accountMembers).where(eq(accountMembers.accountId, accountId));
  if (!members.length) return 0;
  await db.insert(notifications).values(members.map((m) => ({ userId: m.userId, kind: note.kind, title: note.title, body: note.body ?? "" })));
  return members.length;
}
