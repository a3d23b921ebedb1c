import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { accounts, integrations, partnerBalances, payouts, pricingPlans } from "@/db/schema";
import { createPartner } from "@/lib/testing/fixtures";
import { insertListing } from "@/lib/testing/marketplace-fixtures";
import { createRun } from "../billing-runs";
import type { Period } from "../period";
import type { BillingRunRow } from "../run-kind";

// Rows for payout tests, written directly with explicit instants: the install-day rule is
// about calendar days, so golden tests name them.

const uniq = () => randomBytes(4).toString("hex");

/** A paid listing of the partner (a new partner when none is given). */
export async function paidListing(db: Db, opts: { partnerId?: string; monthlyPriceCents: number; name?: string }) {
  const partnerId = opts.partnerId ?? (await createPartner(db)).id;
  const l = await insertListing(db, { name: opts.name ?? `Paid app ${uniq()}`, partnerId, pricing: { model: "paid", monthlyPriceCents: opts.monthlyPriceCents } });
  return { ...l, partnerId };
}

export async function freeListing(db: Db, opts: { partnerId?: string; name?: string } = {}) {
  const partnerId = opts.partnerId ?? (await createPartner(db)).id;
  return insertListing(db, { name: opts.name ?? `Free app ${uniq()}`, partnerId, pricing: { model: "free" } });
}

/** An install of the listing's app by a new account: connected (null: still pending) and maybe uninstalled. */
export async function installAt(
  db: Db,
  l: { app: { id: string }; listing: { id: string }; partnerId: string },
  connectedAt: string | null,
  uninstalledAt: string | null = null,
) {
  const s = uniq();
  const [account] = await db.insert(accounts).values({ name: `Agency ${s}`, slug: `agency-${s}` }).returning();
  const [row] = await db
    .insert(integrations)
    .values({
      accountId: account.id,
      applicationId: l.app.id,
      listingId: l.listing.id,
      partnerId: l.partnerId,
      status: connectedAt === null ? "pending" : uninstalledAt ? "disconnected" : "active",
      connectedAt: connectedAt ? new Date(connectedAt) : null,
      uninstalledAt: uninstalledAt ? new Date(uninstalledAt) : null,
      createdAt: new Date(connectedAt ?? Date.now()),
    })
    .returning();
  return row;
}

/** A revenue-share plan in force from `effectiveFrom` (a day or an instant). */
export async function revenueSharePlan(db: Db, partnerId: string, revenueShareBps: number, effectiveFrom = "2020-01-01T00:00:00Z", currency = "USD") {
  const [row] = await db
    .insert(pricingPlans)
    .values({ partnerId, model: "revenue_share", revenueShareBps, currency, effectiveFrom: new Date(effectiveFrom) })
    .returning();
  return row;
}

export async function setBalance(db: Db, partnerId: string, balanceCents: number) {
  await db
    .insert(partnerBalances)
    .values({ partnerId, balanceCents })
    .onConflictDoUpdate({ target: partnerBalances.partnerId, set: { balanceCents } });
}

/** A payouts run row for the period (optionally one partner's), to hand to payoutRunKind. */
export async function payoutRunRow(db: Db, period: Period, partnerId?: string): Promise<BillingRunRow> {
  return createRun(db, { kind: "payouts", period, partnerId: partnerId ?? null });
}

/** A payout row as a run would leave it (no statement): for the routes' tests. */
export async function insertPayout(
  db: Db,
  partnerId: string,
  opts: { period?: Period; status?: "pending" | "processing" | "paid" | "failed"; amountCents?: number; createdAt?: Date } = {},
) {
  const amountCents = opts.amountCents ?? 4200;
  const [row] = await db
    .insert(payouts)
    .values({
      partnerId,
      period: opts.period ?? "2025-01",
      status: opts.status ?? "processing",
      grossCents: amountCents,
      platformShareCents: 0,
      carriedForwardCents: 0,
      amountCents,
      createdAt: opts.createdAt ?? new Date(),
    })
    .returning();
  return row;
}
