import { formatCents } from "@/lib/billing/money";
import type { PricingModel, PricingPlan } from "@/lib/billing/schemas";
import type { Choice } from "@/components/ui/choice-cards";
import { formatBps } from "../format";

// How a pricing plan is named and summed up in one line (the pricing index, the plan history).

export const modelLabels: Record<PricingModel, string> = {
  revenue_share: "Revenue share",
  flat_fee: "Flat fee",
  usage_based: "Usage-based",
  hybrid: "Hybrid",
};

export const modelChoices: readonly Choice<PricingModel>[] = [
  { value: "revenue_share", label: modelLabels.revenue_share, detail: "The platform keeps a share of the partner's marketplace sales. No invoice." },
  { value: "flat_fee", label: modelLabels.flat_fee, detail: "A fixed fee every month or year, prorated by days when it starts mid-month." },
  { value: "usage_based", label: modelLabels.usage_based, detail: "Billable API calls beyond the included ones, priced by tiers." },
  { value: "hybrid", label: modelLabels.hybrid, detail: "A flat fee plus usage-based tiers." },
];

const int = new Intl.NumberFormat("en-US");

type PlanFacts = Pick<PricingPlan, "model" | "currency" | "revenueShareBps" | "flatFeeCents" | "flatFeeInterval" | "includedCalls" | "tiers" | "tierMode" | "minimumCents" | "taxRateBps">;

/** "$500.00 per month + usage (10,000 calls included, 3 graduated tiers from $0.50 per 1,000 calls) · minimum $100.00 · tax 8.25%". */
export function summarizePlan(plan: PlanFacts): string {
  const money = (cents: number) => formatCents(cents, plan.currency);
  const parts: string[] = [];
  const flat = plan.flatFeeCents !== null ? `${money(plan.flatFeeCents)} per ${plan.flatFeeInterval}` : null;
  const tiers = plan.tiers ?? [];
  const cheapest = tiers.length ? Math.min(...tiers.map((t) => t.unitAmountCentsPer1000)) : null;
  const usageBits = [
    plan.includedCalls > 0 ? `${int.format(plan.includedCalls)} calls included` : null,
    tiers.length
      ? `${tiers.length} ${plan.tierMode} ${tiers.length === 1 ? "tier" : "tiers"}${cheapest !== null ? ` from ${money(cheapest)} per 1,000 calls` : ""}`
      : null,
  ].filter(Boolean);
  const usage = `usage${usageBits.length ? ` (${usageBits.join(", ")})` : ""}`;

  if (plan.model === "revenue_share") parts.push(`${formatBps(plan.revenueShareBps)} of marketplace sales`);
  else if (plan.model === "flat_fee") parts.push(flat ?? "Flat fee");
  else if (plan.model === "usage_based") parts.push(usage[0].toUpperCase() + usage.slice(1));
  else parts.push(`${flat ?? "Flat fee"} + ${usage}`);

  if (plan.model !== "revenue_share") {
    if (plan.revenueShareBps > 0) parts.push(`${formatBps(plan.revenueShareBps)} revenue share`);
    if (plan.minimumCents > 0) parts.push(`minimum ${money(plan.minimumCents)}`);
    if (plan.taxRateBps > 0) parts.push(`tax ${formatBps(plan.taxRateBps)}`);
  }
  return parts.join(" · ");
}

/**
 * The plan in force at `now` and the one scheduled after it, from the API's answer (the latest
 * plan with the whole history, newest first).
 */
export function planInForce<P extends Pick<PricingPlan, "id" | "effectiveFrom">>(pricing: (P & { history?: P[] }) | null, now: number = Date.now()): { inForce: P | null; scheduled: P | null } {
  if (!pricing) return { inForce: null, scheduled: null };
  const history = pricing.history ?? [pricing];
  const inForce = history.find((p) => Date.parse(p.effectiveFrom) <= now) ?? null;
  const scheduled = Date.parse(pricing.effectiveFrom) > now ? pricing : null;
  return { inForce, scheduled };
}
