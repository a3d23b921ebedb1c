import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden, Invalid } from "@/lib/errors";
import type { Payout } from "../schemas";
import { toPayout } from "./payout-item";
import { payoutPaid } from "./payout-transitions";

/** A transfer recorded a little ahead of this server's clock is still plausible; a future date is a typo. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** An admin records that the money went out (pending or processing → paid), with the transfer's reference. */
export async function markPayoutPaid(
  db: Db,
  principal: Principal,
  id: string,
  input: { reference: string; paidAt?: string },
  now = new Date(),
): Promise<Payout> {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins can mark a payout paid");
  const paidAt = input.paidAt ? new Date(input.paidAt) : now;
  if (paidAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new Invalid("paidAt cannot be in the future", [{ path: "paidAt", message: "must not be in the future" }]);
  }
  return toPayout(await payoutPaid(db, id, { reference: input.reference, paidAt }, now));
}
