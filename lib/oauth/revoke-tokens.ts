import { and, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { oauthTokens } from "@/db/schema";
import { forgetTokens } from "./token-cache";

/**
 * Revokes every live token matching `where`, and drops this instance's
 * verified-token cache so the revocation takes effect here at once (elsewhere
 * within the cache's 5 s). Every revocation path goes through here.
 */
export async function revokeTokens(db: Db, where: SQL | undefined, now = new Date()) {
  await db.update(oauthTokens).set({ revokedAt: now }).where(and(where, isNull(oauthTokens.revokedAt)));
  forgetTokens();
}
