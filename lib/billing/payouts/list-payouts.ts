import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { payouts } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import type { Payout, PayoutListQuery } from "../schemas";
import { scopedPartnerId } from "../partner-scope";
import { toPayout } from "./payout-item";

/** A partner's payouts, or (admins) every partner's or one's; newest first. */
export async function listPayouts(db: Db, principal: Principal, q: z.output<typeof PayoutListQuery>): Promise<Page<Payout>> {
  const partnerId = scopedPartnerId(principal, q.partnerId);
  const rows = await db
    .select()
    .from(payouts)
    .where(
      and(
        partnerId ? eq(payouts.partnerId, partnerId) : undefined,
        q.status ? eq(payouts.status, q.status) : undefined,
        q.period ? eq(payouts.period, q.period) : undefined,
        afterCursor(payouts.createdAt, payouts.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(payouts.createdAt, payouts.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toPayout);
}
