import { z } from "zod";
import { RunInvoicesInput } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { lastMonth } from "./billing-figures";

/**
 * The run form's values (a month input, a partner select where "" is every partner) → the run's
 * body. Only a closed month can be run: the current one is still collecting usage.
 */
export function runFormSchema(now: Date = new Date()) {
  const latest = lastMonth(now);
  return z
    .object({
      period: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month.")
        .refine((p) => p <= latest, { error: () => `Choose a closed month: ${formatPeriodShort(latest)} or earlier.` }),
      partnerId: z.string(),
    })
    .transform((v) => ({ period: v.period, ...(v.partnerId ? { partnerId: v.partnerId } : {}) }))
    .pipe(RunInvoicesInput);
}
