import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { PayoutBalance, PayoutBalanceQuery, PayoutStatementListQuery } from "./payouts/schemas";
import { MarkFailedInput, MarkPaidInput, Payout, PayoutListQuery, PayoutStatement } from "./schemas";

// The payouts paths of /api/v1 (what the platform owes partners for marketplace sales).
// POST /billing/payouts/run is documented with the other billing runs.

const tags = ["Billing"];
const IdPath = z.object({ id: z.uuid() });

const formula =
  "A period's statement: gross = Σ over the installs of the partner's paid listings of `monthlyPriceCents × days installed in the period ÷ days in the period` " +
  "(from the UTC day the install was authorized, counted, to the UTC day of its uninstall, not counted; rounded once per listing, half away from zero); " +
  "platform share = `gross × revenueShareBps ÷ 10000` of the plan in force on the period's last day; net = gross − share + the balance carried in. " +
  "A net of at least `PAYOUT_MINIMUM_CENTS` (default 2500) becomes a payout and empties the balance; below it, no payout and the net is carried forward.";

export const payoutsPaths: ZodOpenApiPathsObject = {
  "/billing/payouts": {
    get: op({
      summary: "List payouts",
      tags,
      scopes: ["read:billing"],
      query: PayoutListQuery,
      response: PageOf(Payout, "PayoutPage"),
      description:
        "The caller's partner's payouts (admins: every partner's, or one with `partnerId`; a partner naming another gets 404), newest first. Filter by `status` and `period` (YYYY-MM). " +
        "Status: `pending` (created by the run) → `processing` (handed to the payout provider; with the manual provider, waiting for an admin to pay it) → `paid` | `failed` (its amount back in the balance).",
    }),
  },
  "/billing/payouts/{id}": {
    get: op({ summary: "Get a payout", tags, scopes: ["read:billing"], path: IdPath, response: Payout, description: "Another partner's payout is 404." }),
  },
  "/billing/payouts/{id}/mark-paid": {
    post: op({
      summary: "Mark a payout paid",
      tags,
      admin: true,
      scopes: ["write:billing"],
      path: IdPath,
      body: MarkPaidInput,
      response: Payout,
      errors: [409],
      description:
        "Records the transfer (`reference`, `paidAt`, default now; not in the future) on a `pending` or `processing` payout. A paid or failed payout answers 409 `INVALID_TRANSITION`.",
    }),
  },
  "/billing/payouts/{id}/mark-failed": {
    post: op({
      summary: "Mark a payout failed",
      tags,
      admin: true,
      scopes: ["write:billing"],
      path: IdPath,
      body: MarkFailedInput,
      response: Payout,
      errors: [409],
      description:
        "Records why the transfer failed on a `pending` or `processing` payout; in the same transaction its amount returns to the partner's balance, so the next period's run pays it again. A paid or failed payout answers 409 `INVALID_TRANSITION`.",
    }),
  },
  "/billing/payouts/statements": {
    get: op({
      summary: "List payout statements",
      tags,
      scopes: ["read:billing"],
      query: PayoutStatementListQuery,
      response: PageOf(PayoutStatement, "PayoutStatementPage"),
      description: `${formula} One statement per partner and period, paid out or carried forward; \`lines\` has one entry per paid listing (installs, install-days, price, gross). The caller's partner's (admins: all, or \`partnerId\`), newest first.`,
    }),
  },
  "/billing/payouts/balance": {
    get: op({
      summary: "Payout balance",
      tags,
      scopes: ["read:billing"],
      query: PayoutBalanceQuery,
      response: PayoutBalance,
      errors: [404, 422],
      description:
        "What the platform holds for the partner until its next payout (net carried forward, failed payouts returned) and the minimum a payout needs. Admins name the partner with `partnerId`.",
    }),
  },
};
