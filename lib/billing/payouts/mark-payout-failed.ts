import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import type { Payout } from "../schemas";
import { toPayout } from "./payout-item";
import { payoutFailed } from "./payout-transitions";

/** An admin records that the transfer failed (pending or processing → failed); its amount returns to the balance. */
export async function markPayoutFailed(db: Db, principal: Principal, id: string, input: { reason: string }, now = new Date()): Promise<Payout> {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins can mark a payout failed");
  return toPayout(await payoutFailed(db, id, input, now));
}
