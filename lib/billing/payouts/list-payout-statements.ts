import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { payoutStatements } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import type { PayoutStatement } from "../schemas";
import { scopedPartnerId } from "../partner-scope";
import { toPayoutStatement } from "./payout-item";
import type { PayoutStatementListQuery } from "./schemas";

/** Statements (one per partner and period, paid out or carried forward), newest first. */
export async function listPayoutStatements(
  db: Db,
  principal: Principal,
  q: z.output<typeof PayoutStatementListQuery>,
): Promise<Page<PayoutStatement>> {
  const partnerId = scopedPartnerId(principal, q.partnerId);
  const rows = await db
    .select()
    .from(payoutStatements)
    .where(
      and(
        partnerId ? eq(payoutStatements.partnerId, partnerId) : undefined,
        q.period ? eq(payoutStatements.period, q.period) : undefined,
        afterCursor(payoutStatements.createdAt, payoutStatements.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(payoutStatements.createdAt, payoutStatements.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toPayoutStatement);
}
