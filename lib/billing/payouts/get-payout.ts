import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { payouts } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";
import type { Payout } from "../schemas";
import { toPayout, visiblePayouts } from "./payout-item";

/** One payout the caller may read; another partner's is 404, as one that does not exist. */
export async function getPayout(db: Db, principal: Principal, id: string): Promise<Payout> {
  if (!isUuid(id)) throw new NotFound("Payout");
  const [row] = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.id, id), visiblePayouts(principal)));
  if (!row) throw new NotFound("Payout");
  return toPayout(row);
}
