import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerBalances, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Invalid, NotFound } from "@/lib/errors";
import { planOnDay } from "../invoice-calculation";
import { startOfDay } from "../period";
import { scopedPartnerId } from "../partner-scope";
import { planHistory } from "../pricing-plans";
import { payoutMinimumCents } from "./payout-minimum";
import type { PayoutBalance } from "./schemas";

/** What the platform holds for a partner until its next payout, and the minimum that payout needs. */
export async function payoutBalance(db: Db, principal: Principal, q: { partnerId?: string }, now = new Date()): Promise<PayoutBalance> {
  const partnerId = scopedPartnerId(principal, q.partnerId) ?? principal.partnerId;
  if (!partnerId) throw new Invalid("Name the partner", [{ path: "partnerId", message: "required for an admin who is not a partner member" }]);
  const [row] = await db
    .select({ id: partners.id, balanceCents: partnerBalances.balanceCents })
    .from(partners)
    .leftJoin(partnerBalances, eq(partnerBalances.partnerId, partners.id))
    .where(eq(partners.id, partnerId));
  if (!row) throw new NotFound("Partner");
  const plan = planOnDay(await planHistory(db, partnerId), startOfDay(now));
  return { partnerId, balanceCents: row.balanceCents ?? 0, currency: plan?.currency ?? "USD", minimumCents: payoutMinimumCents() };
}
