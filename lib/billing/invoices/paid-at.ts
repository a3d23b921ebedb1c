import { Invalid } from "@/lib/errors";

/** A payment or transfer recorded a little ahead of this server's clock is still plausible; further ahead is a typo. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** When money moved, as an admin records it (an invoice's payment, a payout's transfer): the date given, or now; never the future. */
export function recordedPaidAt(paidAt: string | undefined, now: Date): Date {
  const at = paidAt ? new Date(paidAt) : now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new Invalid("paidAt cannot be in the future", [{ path: "paidAt", message: "must not be in the future" }]);
  }
  return at;
}
