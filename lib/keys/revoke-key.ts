import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Conflict } from "@/lib/errors";
import { forgetKey } from "./key-cache";
import { keyRow } from "./key-queries";
import type { ApiKey } from "./schemas";
import { toApiKey } from "./to-dto";

/** Immediate on this instance (cache cleared); other instances within the 5 s cache lifetime. */
export async function revokeKey(db: Db, principal: Principal, id: string): Promise<ApiKey> {
  await keyRow(db, principal, id);
  const updated = await db
    .update(apiKeys)
    .set({ status: "revoked", revokedAt: new Date(), revokedBy: principal.userId, updatedAt: new Date() })
    .where(and(eq(apiKeys.id, id), ne(apiKeys.status, "revoked")))
    .returning({ id: apiKeys.id });
  forgetKey(id);
  if (!updated.length) throw new Conflict("This key is already revoked");
  return toApiKey(await keyRow(db, principal, id));
}
