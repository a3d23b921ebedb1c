import { eq } from "drizzle-orm";
import * as listRoute from "@/app/api/v1/billing/payouts/route";
import * as itemRoute from "@/app/api/v1/billing/payouts/[id]/route";
import * as markPaidRoute from "@/app/api/v1/billing/payouts/[id]/mark-paid/route";
import * as markFailedRoute from "@/app/api/v1/billing/payouts/[id]/mark-failed/route";
import * as statementsRoute from "@/app/api/v1/billing/payouts/statements/route";
import * as balanceRoute from "@/app/api/v1/billing/payouts/balance/route";
import type { Db } from "@/db";
import { partnerBalances, payouts } from "@/db/schema";
import { createPartner } from "@/lib/testing/fixtures";
import { describeSecurity, type Denial, type SecurityContext } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { insertPayout, setBalance } from "./test-fixtures";

const db = useTestDb();

type Ctx = SecurityContext & { payoutId: string };

async function setup(d: Db): Promise<Ctx> {
  const partner = await createPartner(d);
  const p = await insertPayout(d, partner.id, { status: "processing", amountCents: 31_337 });
  await setBalance(d, partner.id, 0);
  return { payoutId: p.id, tenant: { kind: "partner", id: partner.id, name: partner.name, slug: partner.slug } };
}

// Reads: the partner's members (any role: developers hold read:*, billing members read:billing),
// its keys with read:billing, and admins; customers and users without a partner have no billing scope.
const readers = ["tenant:owner", "tenant:billing", "tenant:developer", "api_key:read:billing", "admin"] as const;
const readDenials: Denial[] = [
  { actor: "customer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "api_key:read:keys", status: 403, code: "INSUFFICIENT_SCOPE" },
];

describeSecurity<Ctx>(db, {
  name: "GET /billing/payouts/{id}",
  handler: itemRoute.GET,
  method: "GET",
  setup,
  path: (c) => `/api/v1/billing/payouts/${c.payoutId}`,
  params: (c) => ({ id: c.payoutId }),
  ownedId: (c) => c.payoutId,
  crossTenant: ["other-tenant", "other-tenant:api_key:read:billing"],
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:billing",
  denied: readDenials,
});

for (const [name, handler, path] of [
  ["GET /billing/payouts", listRoute.GET, "/api/v1/billing/payouts"],
  ["GET /billing/payouts/statements", statementsRoute.GET, "/api/v1/billing/payouts/statements"],
  ["GET /billing/payouts/balance", balanceRoute.GET, "/api/v1/billing/payouts/balance"],
] as const) {
  describeSecurity<Ctx>(db, {
    name,
    handler,
    method: "GET",
    setup,
    // The partner's id in the query: another partner naming it gets the 404 of an unknown partner (admins are let through).
    path: (c) => `${path}?partnerId=${c.tenant.id}`,
    okStatus: 200,
    allowed: [...readers],
    requiredScope: "read:billing",
    denied: [
      ...readDenials,
      { actor: "other-tenant", status: 404, code: "NOT_FOUND" },
      { actor: "other-tenant:api_key:read:billing", status: 404, code: "NOT_FOUND" },
    ],
    crossTenant: [],
  });
}

// Settling: platform admins only, whatever the partner's role or key scopes.
const state = async (d: Db, c: Ctx) => ({
  payout: (await d.select().from(payouts).where(eq(payouts.id, c.payoutId)))[0],
  balance: (await d.select().from(partnerBalances).where(eq(partnerBalances.partnerId, c.tenant.id)))[0],
});
const settleDenials: Denial[] = [
  { actor: "tenant:billing", status: 403, code: "FORBIDDEN" },
  { actor: "api_key:write:billing", status: 403, code: "FORBIDDEN" },
  { actor: "customer", status: 403, code: "FORBIDDEN" },
];

describeSecurity<Ctx>(db, {
  name: "POST /billing/payouts/{id}/mark-paid",
  handler: markPaidRoute.POST,
  method: "POST",
  setup,
  path: (c) => `/api/v1/billing/payouts/${c.payoutId}/mark-paid`,
  params: (c) => ({ id: c.payoutId }),
  ownedId: (c) => c.payoutId,
  body: () => ({ reference: "WIRE-1" }),
  okStatus: 200,
  adminOnly: true,
  denied: settleDenials,
  state,
});

describeSecurity<Ctx>(db, {
  name: "POST /billing/payouts/{id}/mark-failed",
  handler: markFailedRoute.POST,
  method: "POST",
  setup,
  path: (c) => `/api/v1/billing/payouts/${c.payoutId}/mark-failed`,
  params: (c) => ({ id: c.payoutId }),
  ownedId: (c) => c.payoutId,
  body: () => ({ reason: "Account closed" }),
  okStatus: 200,
  adminOnly: true,
  denied: settleDenials,
  state,
});
