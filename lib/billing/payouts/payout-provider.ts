import type { Payout } from "../schemas";

// Where a payout's money goes out. The run creates payouts as `pending` and hands each to the
// provider; what it answers is the payout's next status. A provider that moves money (a bank
// API, Stripe Connect) answers `processing` with its reference and later `paid` or `failed`
// through the same mark-paid / mark-failed steps an admin uses.

export type PayoutSubmission = {
  status: "processing" | "paid" | "failed";
  /** The provider's id of the transfer. */
  reference?: string;
  failureReason?: string;
};

export type PayoutProvider = {
  /** Stored on the payout (`provider`). */
  name: string;
  submit(payout: Payout): Promise<PayoutSubmission>;
};

/** No money moves by itself: the payout waits in the admin queue until someone pays it by hand and marks it paid. */
export const manualPayoutProvider: PayoutProvider = {
  name: "manual",
  async submit() {
    return { status: "processing" };
  },
};
