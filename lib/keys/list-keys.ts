import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import { keySelect, statusIs, visibleKeys } from "./key-queries";
import type { ApiKey, ListApiKeysQuery } from "./schemas";
import { toApiKey } from "./to-dto";

export async function listKeys(db: Db, principal: Principal, q: ListApiKeysQuery): Promise<Page<ApiKey>> {
  const rows = await keySelect(db)
    .where(
      and(
        visibleKeys(principal),
        q.partnerId && isAdmin(principal) ? eq(apiKeys.partnerId, q.partnerId) : undefined,
        q.status ? statusIs(q.status) : undefined,
        afterCursor(apiKeys.createdAt, apiKeys.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(apiKeys.createdAt, apiKeys.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toApiKey);
}
