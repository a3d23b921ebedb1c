import { and, eq, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { supportTickets } from "@/db/schema";
import { CLOSE_RESOLVED_AFTER_MS } from "./ticket-state";

/** The `support-close-resolved` job: tickets resolved 4 days before `slot` close (and never change again). */
export async function closeResolvedTickets(db: Db, slot: Date): Promise<{ closed: number }> {
  const t = supportTickets;
  const rows = await db
    .update(t)
    .set({ status: "closed", closedAt: slot, updatedAt: slot, nextReplyDueAt: null, slaPausedAt: null })
    .where(and(eq(t.status, "resolved"), lte(t.resolvedAt, new Date(slot.getTime() - CLOSE_RESOLVED_AFTER_MS))))
    .returning({ id: t.id });
  return { closed: rows.length };
}
