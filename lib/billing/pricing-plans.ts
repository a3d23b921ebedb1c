import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { partners, pricingPlans } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";
import { billableCallsByPartner } from "./billable-calls";
import { calculateInvoice, type BillingPlan, type CalculatedInvoice } from "./invoice-calculation";
import { addMonths, periodBounds, periodOf } from "./period";
import { modelCharges, type PricingPlan, type PricingPlanInput } from "./schemas";

type PlanRow = typeof pricingPlans.$inferSelect;

export function toBillingPlan(r: PlanRow): BillingPlan {
  return {
    id: r.id,
    model: r.model,
    currency: r.currency,
    revenueShareBps: r.revenueShareBps,
    flatFeeCents: r.flatFeeCents,
    flatFeeInterval: r.flatFeeInterval,
    includedCalls: r.includedCalls,
    tiers: r.tiers,
    tierMode: r.tierMode,
    minimumCents: r.minimumCents,
    taxRateBps: r.taxRateBps,
    effectiveFrom: r.effectiveFrom,
  };
}

export function toPricingPlan(r: PlanRow): PricingPlan {
  return {
    ...toBillingPlan(r),
    partnerId: r.partnerId,
    effectiveFrom: r.effectiveFrom.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const ofPartner = (partnerId: string | null) => (partnerId ? eq(pricingPlans.partnerId, partnerId) : isNull(pricingPlans.partnerId));

/** A partner's plans (null: the platform default's), oldest first. */
export async function planHistory(db: Db, partnerId: string | null): Promise<BillingPlan[]> {
  const rows = await db.select().from(pricingPlans).where(ofPartner(partnerId)).orderBy(asc(pricingPlans.effectiveFrom));
  return rows.map(toBillingPlan);
}

/** Every partner's plans (or those named), oldest first, in one query. */
export async function plansByPartner(db: Db, partnerIds?: string[]): Promise<Map<string, BillingPlan[]>> {
  const out = new Map<string, BillingPlan[]>();
  if (partnerIds && partnerIds.length === 0) return out;
  const rows = await db
    .select()
    .from(pricingPlans)
    .where(partnerIds ? inArray(pricingPlans.partnerId, partnerIds) : undefined)
    .orderBy(asc(pricingPlans.partnerId), asc(pricingPlans.effectiveFrom));
  for (const r of rows) {
    if (!r.partnerId) continue;
    const list = out.get(r.partnerId) ?? [];
    list.push(toBillingPlan(r));
    out.set(r.partnerId, list);
  }
  return out;
}

/** The partner must exist and be the caller's own (or the caller an admin): anything else is a 404. */
async function requirePartner(db: Db, principal: Principal, partnerId: string) {
  const visible = isAdmin(principal) || principal.partnerId === partnerId;
  if (!visible || !isUuid(partnerId)) throw new NotFound("Partner");
  const [p] = await db.select({ id: partners.id, createdAt: partners.createdAt }).from(partners).where(eq(partners.id, partnerId));
  if (!p) throw new NotFound("Partner");
  return p;
}

async function latestWithHistory(db: Db, partnerId: string | null) {
  const rows = await db.select().from(pricingPlans).where(ofPartner(partnerId)).orderBy(asc(pricingPlans.effectiveFrom));
  if (!rows.length) throw new NotFound(partnerId ? "Pricing plan" : "Default pricing plan");
  const history = rows.map(toPricingPlan).reverse();
  return { ...history[0], history };
}

export async function getPricing(db: Db, principal: Principal, partnerId: string) {
  await requirePartner(db, principal, partnerId);
  return latestWithHistory(db, partnerId);
}

export async function getDefaultPricing(db: Db) {
  return latestWithHistory(db, null);
}

/** Only what the model uses is kept: a flat_fee plan stores no tiers, a usage plan no fee. */
function planValues(input: PricingPlanInput, effectiveFrom: Date) {
  const needs = modelCharges(input.model);
  return {
    model: input.model,
    currency: input.currency,
    revenueShareBps: input.revenueShareBps ?? 0,
    flatFeeCents: needs.flat ? (input.flatFeeCents ?? 0) : null,
    flatFeeInterval: input.flatFeeInterval,
    includedCalls: needs.usage ? input.includedCalls : 0,
    tiers: needs.usage ? (input.tiers ?? null) : null,
    tierMode: input.tierMode,
    minimumCents: input.minimumCents,
    taxRateBps: input.taxRateBps,
    effectiveFrom,
  };
}

function effectiveFromOf(input: PricingPlanInput, now: Date): Date {
  if (!input.effectiveFrom) return now;
  return new Date(input.effectiveFrom.length === 10 ? `${input.effectiveFrom}T00:00:00Z` : input.effectiveFrom);
}

/**
 * Adds a plan from `effectiveFrom` (default now). A plan taking effect no later
 * than the latest one replaces it (and any other it would start before):
 * the history only ever grows at its end, and issued invoices keep their own
 * copy of what they charged.
 */
async function writePlan(db: Db, principal: Principal, partnerId: string | null, input: PricingPlanInput, now = new Date()) {
  const from = effectiveFromOf(input, now);
  return db.transaction(async (tx) => {
    // Serializes two PUTs for one partner (the delete-then-insert below is not atomic against a twin).
    if (partnerId) await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)).for("update");
    await tx.delete(pricingPlans).where(and(ofPartner(partnerId), gte(pricingPlans.effectiveFrom, from)));
    const [row] = await tx
      .insert(pricingPlans)
      .values({ partnerId, ...planValues(input, from), updatedBy: principal.type === "session" ? principal.userId : null })
      .returning();
    return toPricingPlan(row);
  });
}

export async function putPricing(db: Db, principal: Principal, partnerId: string, input: PricingPlanInput) {
  await requirePartner(db, principal, partnerId);
  return writePlan(db, principal, partnerId, input);
}

export async function putDefaultPricing(db: Db, principal: Principal, input: PricingPlanInput) {
  return writePlan(db, principal, null, input);
}

/**
 * Gives a new partner the platform's default plan (the one in force now), from
 * the moment it was created. Called in the transaction that creates it.
 */
export async function applyDefaultPlan(tx: Db, partnerId: string, createdAt: Date) {
  const defaults = await planHistory(tx, null);
  // Only a default in force: one scheduled for later is not the new partner's yet.
  const current = defaults.filter((p) => p.effectiveFrom <= createdAt).at(-1);
  if (!current) return;
  const { id: _id, ...values } = current; // eslint-disable-line @typescript-eslint/no-unused-vars -- the copy gets its own id
  await tx.insert(pricingPlans).values({ ...values, partnerId, effectiveFrom: createdAt });
}

/** Last month's billable calls priced with a plan not yet saved: the admin's live preview. */
export async function previewPlan(
  db: Db,
  principal: Principal,
  partnerId: string,
  input: PricingPlanInput,
  now = new Date(),
): Promise<{ period: string; billableCalls: number; invoice: CalculatedInvoice | null }> {
  await requirePartner(db, principal, partnerId);
  const period = addMonths(periodOf(now), -1);
  const b = periodBounds(period);
  const calls = (await billableCallsByPartner(db, { from: b.firstDay, to: b.lastDay, partnerIds: [partnerId] })).get(partnerId) ?? 0;
  // The plan as if it had been in force the whole month.
  const plan: BillingPlan = { id: "preview", ...planValues(input, b.start) };
  return { period, billableCalls: calls, invoice: calculateInvoice({ period, plans: [plan], billableCalls: calls }) };
}
