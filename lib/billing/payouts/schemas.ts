import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";
import { PeriodSchema } from "../period";

// Payout shapes not in ../schemas.ts: the statement list's query, the balance.

export const PayoutStatementListQuery = PageQuery.extend({
  period: PeriodSchema().optional(),
  partnerId: z.uuid().optional().describe("Admins only"),
});

export const PayoutBalanceQuery = z.object({
  partnerId: z.uuid().optional().describe("Admins only (required for an admin who is not a partner member)"),
});

export const PayoutBalance = z
  .object({
    partnerId: z.uuid(),
    balanceCents: z.number().int().describe("Held for the partner: net below the minimum carried forward, and failed payouts returned"),
    currency: z.string(),
    minimumCents: z.number().int().describe("PAYOUT_MINIMUM_CENTS: a period's net below this carries forward"),
  })
  .meta({ id: "PayoutBalance" });
export type PayoutBalance = z.infer<typeof PayoutBalance>;
