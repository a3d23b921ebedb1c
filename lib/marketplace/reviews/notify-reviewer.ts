import type { Db } from "@/db";
import { notifications } from "@/db/schema";

/** An in-app notification to a review's author (a reply to it, its moderation). */
export async function notifyReviewer(db: Db, userId: string, note: { kind: string; title: string; body?: string }) {
  await db.insert(notifications).values({ userId, kind: note.kind, title: note.title, body: note.body ?? "" });
}

/** The first words of a text, for a notification's body. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
