import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { recordedPaidAt } from "../invoices/paid-at";
import type { Payout } from "../schemas";
import { toPayout } from "./payout-item";
import { payoutPaid } from "./payout-transitions";

/** An admin records that the money went out (pending or processing → paid), with the transfer's reference. */
export async function markPayoutPaid(
  db: Db,
  principal: Principal,
  id: string,
  input: { reference: string; paidAt?: string },
  now = new Date(),
): Promise<Payout> {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins can mark a payout paid");
  const paidAt = recordedPaidAt(input.paidAt, now);
  return toPayout(await payoutPaid(db, id, { reference: input.reference, paidAt }, now));
}
