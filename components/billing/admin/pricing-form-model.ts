import { z } from "zod";
import type { FieldError } from "@/components/api/api-fetch";
import { formErrorMap } from "@/components/forms/error-map";
import { modelCharges, PricingPlanInput, pricingModels, type PricingModel, type PricingPlan } from "@/lib/billing/schemas";
import { bpsToPercent, centsToDollars, isBlank, parseCount, parseDollars, parsePercent, type Parsed } from "./money-input";

// The pricing form's model: the values as the controls hold them (strings in dollars and
// percents), the API body they become (integer cents and basis points), which fields each model
// shows, the tier rows' editing, and where the API's 422 errors go on the form.

export const TierRow = z.object({ upTo: z.string(), unitPrice: z.string(), flatAmount: z.string() });
export type TierRow = z.infer<typeof TierRow>;

const PricingFormFields = z.object({
  model: z.enum(pricingModels),
  currency: z.string(),
  revenueSharePercent: z.string(),
  flatFee: z.string(),
  flatFeeInterval: z.enum(["month", "year"]),
  includedCalls: z.string(),
  tierMode: z.enum(["graduated", "volume"]),
  tiers: z.array(TierRow),
  minimum: z.string(),
  taxRatePercent: z.string(),
  /** YYYY-MM-DD, or blank for "from now". */
  effectiveFrom: z.string(),
});
export type PricingFormValues = z.infer<typeof PricingFormFields>;
export type PlanInputBody = z.input<typeof PricingPlanInput>;
export type FieldProblem = { path: string; message: string };

/** Which parts of the form a model uses. Revenue share applies to every model's payouts. */
export function fieldsFor(model: PricingModel) {
  const charges = modelCharges(model);
  return {
    revenueShare: true,
    revenueShareRequired: model === "revenue_share",
    flatFee: charges.flat,
    usage: charges.usage,
    /** Minimum and tax: only a model that issues invoices has something to top up or tax. */
    invoiced: charges.flat || charges.usage,
  };
}

export const emptyTier = (): TierRow => ({ upTo: "", unitPrice: "", flatAmount: "" });

/** The form for a plan (a partner's current one, or the default to start from); a fresh plan takes effect now. */
export function planToForm(plan: Pick<PricingPlan, "model" | "currency" | "revenueShareBps" | "flatFeeCents" | "flatFeeInterval" | "includedCalls" | "tiers" | "tierMode" | "minimumCents" | "taxRateBps"> | null): PricingFormValues {
  if (!plan) {
    return {
      model: "usage_based",
      currency: "USD",
      revenueSharePercent: "",
      flatFee: "",
      flatFeeInterval: "month",
      includedCalls: "0",
      tierMode: "graduated",
      tiers: [emptyTier()],
      minimum: "",
      taxRatePercent: "",
      effectiveFrom: "",
    };
  }
  return {
    model: plan.model,
    currency: plan.currency,
    revenueSharePercent: plan.revenueShareBps ? bpsToPercent(plan.revenueShareBps) : "",
    flatFee: plan.flatFeeCents === null ? "" : centsToDollars(plan.flatFeeCents),
    flatFeeInterval: plan.flatFeeInterval,
    includedCalls: String(plan.includedCalls),
    tierMode: plan.tierMode,
    tiers: plan.tiers?.length
      ? plan.tiers.map((t) => ({
          upTo: t.upTo === null ? "" : String(t.upTo),
          unitPrice: centsToDollars(t.unitAmountCentsPer1000),
          flatAmount: t.flatAmountCents ? centsToDollars(t.flatAmountCents) : "",
        }))
      : [emptyTier()],
    minimum: plan.minimumCents ? centsToDollars(plan.minimumCents) : "",
    taxRatePercent: plan.taxRateBps ? bpsToPercent(plan.taxRateBps) : "",
    effectiveFrom: "",
  };
}

/**
 * The API body for the form, or the problems at the form's own paths. Only the fields the model
 * shows are sent (a hybrid plan's tiers stay in the form while "Flat fee" is chosen, but are not
 * saved with it). Blank optional fields are left out or zero; the last tier's "up to" is always
 * null (∞). The body is then checked by the API's own schema, so the form refuses what the server would.
 */
export function toPlanInput(v: PricingFormValues): { ok: true; body: PlanInputBody } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const take = <T>(path: string, r: Parsed<T>): T | undefined => {
    if (r.ok) return r.value;
    errors.push({ path, message: r.message });
    return undefined;
  };
  const show = fieldsFor(v.model);
  const body: PlanInputBody = { model: v.model, currency: v.currency || "USD" };

  if (show.revenueShareRequired || !isBlank(v.revenueSharePercent)) body.revenueShareBps = take("revenueSharePercent", parsePercent(v.revenueSharePercent));
  if (show.flatFee) {
    body.flatFeeCents = take("flatFee", parseDollars(v.flatFee));
    body.flatFeeInterval = v.flatFeeInterval;
  }
  if (show.usage) {
    body.includedCalls = isBlank(v.includedCalls) ? 0 : take("includedCalls", parseCount(v.includedCalls));
    body.tierMode = v.tierMode;
    body.tiers = v.tiers.map((row, i) => {
      const last = i === v.tiers.length - 1;
      const upTo = last ? null : (take(`tiers.${i}.upTo`, parseCount(row.upTo)) ?? null);
      const unitAmountCentsPer1000 = take(`tiers.${i}.unitPrice`, parseDollars(row.unitPrice)) ?? 0;
      const flatAmountCents = isBlank(row.flatAmount) ? undefined : take(`tiers.${i}.flatAmount`, parseDollars(row.flatAmount));
      return { upTo, unitAmountCentsPer1000, ...(flatAmountCents ? { flatAmountCents } : {}) };
    });
  }
  if (show.invoiced) {
    body.minimumCents = isBlank(v.minimum) ? 0 : take("minimum", parseDollars(v.minimum));
    body.taxRateBps = isBlank(v.taxRatePercent) ? 0 : take("taxRatePercent", parsePercent(v.taxRatePercent));
  }
  if (!isBlank(v.effectiveFrom)) body.effectiveFrom = v.effectiveFrom.trim();

  if (errors.length) return { ok: false, errors };
  const checked = PricingPlanInput.safeParse(body, { error: formErrorMap });
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue) => {
        const path = issue.path.join(".");
        return { path: formPathOf(path), message: humanizeMessage(path, issue.message) };
      }),
    };
  }
  return { ok: true, body };
}

/**
 * The form's values schema for `useApiForm`: its output is the API body, its errors sit at the
 * form's paths (`flatFee`, `tiers.1.unitPrice`), worded for a person.
 */
export const PricingForm = PricingFormFields.transform((values, ctx) => {
  const r = toPlanInput(values);
  if (r.ok) return r.body;
  for (const e of r.errors) ctx.addIssue({ code: "custom", path: e.path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)), message: e.message });
  return z.NEVER;
});

const apiToForm: Record<string, string> = {
  revenueShareBps: "revenueSharePercent",
  flatFeeCents: "flatFee",
  minimumCents: "minimum",
  taxRateBps: "taxRatePercent",
};
const tierApiToForm: Record<string, string> = { upTo: "upTo", unitAmountCentsPer1000: "unitPrice", flatAmountCents: "flatAmount" };

/** The API's path of a field (`flatFeeCents`, `tiers.1.unitAmountCentsPer1000`) → the form's (`flatFee`, `tiers.1.unitPrice`). */
export function formPathOf(apiPath: string): string {
  const parts = apiPath.split(".");
  if (parts[0] === "tiers" && parts.length >= 3) return ["tiers", parts[1], tierApiToForm[parts[2]] ?? parts[2], ...parts.slice(3)].join(".");
  return [apiToForm[parts[0]] ?? parts[0], ...parts.slice(1)].join(".");
}

// The API's own names, as the form's labels call them.
const fieldWords: [RegExp, string][] = [
  [/\brevenueShareBps\b/g, "“revenue share”"],
  [/\bflatFeeCents\b/g, "“flat fee”"],
  [/\bflatFeeInterval\b/g, "“billed every”"],
  [/\bminimumCents\b/g, "“minimum”"],
  [/\btaxRateBps\b/g, "“tax rate”"],
  [/\bunitAmountCentsPer1000\b/g, "“price per 1,000 calls”"],
  [/\bflatAmountCents\b/g, "“flat amount”"],
  [/\bincludedCalls\b/g, "“included calls”"],
  [/\beffectiveFrom\b/g, "“effective from”"],
  [/\bupTo\b/g, "“up to”"],
  [/\brevenue_share\b/g, "revenue share"],
  [/\bflat_fee\b/g, "flat fee"],
  [/\busage_based\b/g, "usage-based"],
];

/** A server (or schema) message about an API field, as a person at the form reads it under that field. */
export function humanizeMessage(apiPath: string, message: string): string {
  const m = message.trim();
  if (/needs revenueShareBps/.test(m)) return "Enter a revenue share above 0%: it is all this model earns.";
  if (/needs flatFeeCents/.test(m)) return "Enter the flat fee.";
  if (/needs tiers/.test(m)) return "Add at least one tier.";
  if (/last tier must have upTo: null/.test(m)) return "The last tier has no upper bound (∞).";
  if (/only the last tier may have upTo: null/.test(m)) return "Enter the last call this tier covers.";
  if (/tiers must ascend/.test(m)) return "Must be more than the previous tier's “up to”.";
  if (/^effectiveFrom$/.test(apiPath) && /invalid|date/i.test(m) && !/between the years/.test(m)) return "Enter a date, or leave it blank for now.";
  return fieldWords.reduce((text, [re, words]) => text.replace(re, words), m);
}

/** Paths the form shows a control (or a group's error) at for this model: where a server error can go. */
export function visibleFormPaths(v: PricingFormValues): Set<string> {
  const show = fieldsFor(v.model);
  const paths = new Set(["model", "revenueSharePercent", "effectiveFrom"]);
  if (show.flatFee) ["flatFee", "flatFeeInterval"].forEach((p) => paths.add(p));
  if (show.usage) {
    ["includedCalls", "tierMode", "tiers"].forEach((p) => paths.add(p));
    v.tiers.forEach((_, i) => {
      paths.add(`tiers.${i}`);
      if (i < v.tiers.length - 1) paths.add(`tiers.${i}.upTo`);
      paths.add(`tiers.${i}.unitPrice`);
      paths.add(`tiers.${i}.flatAmount`);
    });
  }
  if (show.invoiced) ["minimum", "taxRatePercent"].forEach((p) => paths.add(p));
  return paths;
}

/**
 * The API's 422 `errors` placed on the form: each at its field, or the nearest shown ancestor
 * (`tiers.1` for a row, `tiers` for the table), worded for the form; the rest (a field the form
 * does not show, `(body)`) is `unplaced`, for the form's own error panel.
 */
export function placePricingErrors(errors: readonly FieldError[], values: PricingFormValues): { placed: FieldProblem[]; unplaced: FieldError[] } {
  const paths = visibleFormPaths(values);
  const placed: FieldProblem[] = [];
  const unplaced: FieldError[] = [];
  for (const e of errors) {
    const parts = formPathOf(e.path).split(".");
    let at: string | undefined;
    for (let n = parts.length; n > 0 && !at; n--) if (paths.has(parts.slice(0, n).join("."))) at = parts.slice(0, n).join(".");
    if (!at) unplaced.push({ path: e.path, message: humanizeMessage(e.path, e.message) });
    else if (!placed.some((p) => p.path === at)) placed.push({ path: at, message: humanizeMessage(e.path, e.message) });
  }
  return { placed, unplaced };
}

/**
 * The row "Add tier" inserts: just before the last (∞) tier, so that one stays last. Its "up to"
 * is a round step past the tier before it (ten times, or 10,000 for the first) and it starts at
 * the ∞ tier's price, for the admin to change.
 */
export function newTier(rows: readonly TierRow[]): { index: number; row: TierRow } {
  const index = Math.max(0, rows.length - 1);
  const before = index > 0 ? parseCount(rows[index - 1].upTo) : null;
  const upTo = before?.ok && before.value > 0 ? before.value * 10 : 10_000;
  return { index, row: { upTo: String(upTo), unitPrice: rows[rows.length - 1]?.unitPrice ?? "", flatAmount: "" } };
}

export function addTier(rows: readonly TierRow[]): TierRow[] {
  const { index, row } = newTier(rows);
  return [...rows.slice(0, index), row, ...rows.slice(index)];
}

/** Without row i; a plan keeps at least one tier. Removing the ∞ tier makes the one before it last (∞). */
export function removeTier(rows: readonly TierRow[], i: number): TierRow[] {
  if (rows.length <= 1) return [...rows];
  return rows.filter((_, j) => j !== i);
}

const int = new Intl.NumberFormat("en-US");

/**
 * The calls each row covers, in words ("1 – 10,000", "10,001 – ∞"): tiers count the billable calls
 * after the included ones. A row whose bound is not a number yet reads "…".
 */
export function tierRanges(rows: readonly TierRow[]): string[] {
  let from: number | null = 1;
  return rows.map((row, i) => {
    const last = i === rows.length - 1;
    const upTo = last ? null : parseCount(row.upTo);
    const start = from === null ? "…" : int.format(from);
    if (last) return `${start} – ∞`;
    if (!upTo?.ok) {
      from = null;
      return `${start} – …`;
    }
    from = upTo.value + 1;
    return `${start} – ${int.format(upTo.value)}`;
  });
}

const fieldLabels: Record<string, string> = {
  model: "Pricing model",
  revenueSharePercent: "Revenue share",
  flatFee: "Flat fee",
  flatFeeInterval: "Billed every",
  includedCalls: "Included calls",
  tierMode: "Tier mode",
  tiers: "Tiers",
  minimum: "Monthly minimum",
  taxRatePercent: "Tax rate",
  effectiveFrom: "Effective from",
};
const tierFieldLabels: Record<string, string> = { upTo: "up to", unitPrice: "price per 1,000 calls", flatAmount: "flat amount" };

/** A form path as its label reads ("tiers.1.unitPrice" → "Tier 2 price per 1,000 calls"), to list problems away from their fields. */
export function fieldLabel(path: string): string {
  const tier = /^tiers\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (tier) return `Tier ${Number(tier[1]) + 1}${tier[2] ? ` ${tierFieldLabels[tier[2]] ?? tier[2]}` : ""}`;
  return fieldLabels[path] ?? path;
}
