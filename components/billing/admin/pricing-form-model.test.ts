import { describe, expect, it } from "vitest";
import type { PricingPlan } from "@/lib/billing/schemas";
import {
  addTier,
  fieldLabel,
  formPathOf,
  humanizeMessage,
  newTier,
  placePricingErrors,
  planToForm,
  PricingForm,
  removeTier,
  tierRanges,
  toPlanInput,
  type PricingFormValues,
  type TierRow,
} from "./pricing-form-model";

const base = planToForm(null);
const form = (over: Partial<PricingFormValues>): PricingFormValues => ({ ...base, ...over });
const tier = (upTo: string, unitPrice: string, flatAmount = ""): TierRow => ({ upTo, unitPrice, flatAmount });

const hybridPlan: PricingPlan = {
  id: "5b0e0a4e-6a4f-4d59-9f1e-0d5c3f7f1a01",
  partnerId: "5b0e0a4e-6a4f-4d59-9f1e-0d5c3f7f1a02",
  model: "hybrid",
  currency: "USD",
  revenueShareBps: 2000,
  flatFeeCents: 49_900,
  flatFeeInterval: "month",
  includedCalls: 10_000,
  tiers: [
    { upTo: 90_000, unitAmountCentsPer1000: 50 },
    { upTo: null, unitAmountCentsPer1000: 25, flatAmountCents: 1_000 },
  ],
  tierMode: "graduated",
  minimumCents: 10_000,
  taxRateBps: 825,
  effectiveFrom: "2026-10-01T00:00:00.000Z",
  createdAt: "2026-10-01T00:00:00.000Z",
  updatedAt: "2026-10-01T00:00:00.000Z",
};

describe("form → API body", () => {
  it("sends a hybrid plan in cents and basis points, the last tier unbounded", () => {
    const r = toPlanInput(
      form({
        model: "hybrid",
        revenueSharePercent: "2.5",
        flatFee: "499",
        flatFeeInterval: "year",
        includedCalls: "10,000",
        tierMode: "volume",
        tiers: [tier("90000", "0.5", "0.1"), tier("whatever: the last row is ∞", "0.25")],
        minimum: "100",
        taxRatePercent: "8.25",
        effectiveFrom: "2026-12-01",
      }),
    );
    expect(r).toEqual({
      ok: true,
      body: {
        model: "hybrid",
        currency: "USD",
        revenueShareBps: 250,
        flatFeeCents: 49_900,
        flatFeeInterval: "year",
        includedCalls: 10_000,
        tierMode: "volume",
        tiers: [
          { upTo: 90_000, unitAmountCentsPer1000: 50, flatAmountCents: 10 },
          { upTo: null, unitAmountCentsPer1000: 25 },
        ],
        minimumCents: 10_000,
        taxRateBps: 825,
        effectiveFrom: "2026-12-01",
      },
    });
  });

  it("sends only what the model uses: a revenue share plan has no fee, tiers, minimum or tax", () => {
    const r = toPlanInput(form({ model: "revenue_share", revenueSharePercent: "20", flatFee: "oops", tiers: [tier("", "nope")], minimum: "5", taxRatePercent: "10" }));
    expect(r).toEqual({ ok: true, body: { model: "revenue_share", currency: "USD", revenueShareBps: 2000 } });
  });

  it("sends a flat fee plan without tiers, and blank optional fields as zero or nothing", () => {
    const r = toPlanInput(form({ model: "flat_fee", flatFee: "0.1", revenueSharePercent: "", minimum: "", taxRatePercent: "" }));
    expect(r).toEqual({ ok: true, body: { model: "flat_fee", currency: "USD", flatFeeCents: 10, flatFeeInterval: "month", minimumCents: 0, taxRateBps: 0 } });
  });

  it("names each field that cannot be read, at the form's path", () => {
    const r = toPlanInput(
      form({
        model: "hybrid",
        flatFee: "12.345",
        revenueSharePercent: "2.555",
        includedCalls: "1.5",
        tiers: [tier("", "0.50"), tier("", "abc", "-1")],
        minimum: "x",
        taxRatePercent: "101",
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: "revenueSharePercent", message: "Use at most 2 decimals: rates are in steps of 0.01%." },
      { path: "flatFee", message: "Use at most 2 decimals: amounts are whole cents." },
      { path: "includedCalls", message: "Enter a whole number." },
      { path: "tiers.0.upTo", message: "Required." },
      { path: "tiers.1.unitPrice", message: "Enter an amount in dollars, e.g. 12.50." },
      { path: "tiers.1.flatAmount", message: "Enter an amount of 0 or more." },
      { path: "minimum", message: "Enter an amount in dollars, e.g. 12.50." },
      { path: "taxRatePercent", message: "Use 100% or less." },
    ]);
  });

  it("applies the API's own rules, worded for the form", () => {
    const rs = toPlanInput(form({ model: "revenue_share", revenueSharePercent: "0" }));
    expect(rs).toEqual({ ok: false, errors: [{ path: "revenueSharePercent", message: "Enter a revenue share above 0%: it is all this model earns." }] });

    const order = toPlanInput(form({ model: "usage_based", tiers: [tier("500", "1"), tier("500", "0.5"), tier("", "0.25")] }));
    expect(order).toEqual({ ok: false, errors: [{ path: "tiers.1.upTo", message: "Must be more than the previous tier's “up to”." }] });

    const zero = toPlanInput(form({ model: "usage_based", tiers: [tier("0", "1"), tier("", "0.5")] }));
    expect(zero).toEqual({ ok: false, errors: [{ path: "tiers.0.upTo", message: "Use 1 or more." }] });
  });

  it("is what the form's schema hands to submit, with errors at the form's paths", () => {
    expect(PricingForm.safeParse(form({ model: "flat_fee", flatFee: "20" })).data).toEqual({
      model: "flat_fee",
      currency: "USD",
      flatFeeCents: 2000,
      flatFeeInterval: "month",
      minimumCents: 0,
      taxRateBps: 0,
    });
    const bad = PricingForm.safeParse(form({ model: "usage_based", tiers: [tier("10", "x"), tier("", "1")] }));
    expect(bad.error?.issues.map((i) => [i.path, i.message])).toEqual([[["tiers", 0, "unitPrice"], "Enter an amount in dollars, e.g. 12.50."]]);
  });
});

describe("plan → form", () => {
  it("puts a plan's cents and basis points back as dollars and percents, effective from now", () => {
    expect(planToForm(hybridPlan)).toEqual({
      model: "hybrid",
      currency: "USD",
      revenueSharePercent: "20",
      flatFee: "499.00",
      flatFeeInterval: "month",
      includedCalls: "10000",
      tierMode: "graduated",
      tiers: [tier("90000", "0.50"), tier("", "0.25", "10.00")],
      minimum: "100.00",
      taxRatePercent: "8.25",
      effectiveFrom: "",
    });
  });

  it("round-trips: saving an unchanged plan sends the plan as it is", () => {
    const r = toPlanInput(planToForm(hybridPlan));
    expect(r.ok && r.body).toEqual({
      model: "hybrid",
      currency: "USD",
      revenueShareBps: 2000,
      flatFeeCents: 49_900,
      flatFeeInterval: "month",
      includedCalls: 10_000,
      tierMode: "graduated",
      tiers: [
        { upTo: 90_000, unitAmountCentsPer1000: 50 },
        { upTo: null, unitAmountCentsPer1000: 25, flatAmountCents: 1_000 },
      ],
      minimumCents: 10_000,
      taxRateBps: 825,
    });
  });
});

describe("server errors → form", () => {
  it("maps the API's paths to the form's", () => {
    expect(formPathOf("tiers.1.upTo")).toBe("tiers.1.upTo");
    expect(formPathOf("tiers.2.unitAmountCentsPer1000")).toBe("tiers.2.unitPrice");
    expect(formPathOf("tiers.0.flatAmountCents")).toBe("tiers.0.flatAmount");
    expect(formPathOf("flatFeeCents")).toBe("flatFee");
    expect(formPathOf("revenueShareBps")).toBe("revenueSharePercent");
    expect(formPathOf("taxRateBps")).toBe("taxRatePercent");
    expect(formPathOf("minimumCents")).toBe("minimum");
    expect(formPathOf("tiers")).toBe("tiers");
    expect(formPathOf("effectiveFrom")).toBe("effectiveFrom");
  });

  it("words the API's messages without its field names", () => {
    expect(humanizeMessage("tiers.1.upTo", "the last tier must have upTo: null")).toBe("The last tier has no upper bound (∞).");
    expect(humanizeMessage("tiers.0.upTo", "only the last tier may have upTo: null")).toBe("Enter the last call this tier covers.");
    expect(humanizeMessage("flatFeeCents", "hybrid needs flatFeeCents")).toBe("Enter the flat fee.");
    expect(humanizeMessage("tiers", "usage_based needs tiers")).toBe("Add at least one tier.");
    expect(humanizeMessage("minimumCents", "minimumCents must not exceed flatFeeCents")).toBe("“minimum” must not exceed “flat fee”");
    expect(humanizeMessage("effectiveFrom", "must be after the current plan's start")).toBe("must be after the current plan's start");
  });

  it("places each error at its field, a row or the table, and keeps the rest for the form", () => {
    const values = form({ model: "usage_based", tiers: [tier("100", "1"), tier("", "0.5")] });
    const { placed, unplaced } = placePricingErrors(
      [
        { path: "tiers.1.upTo", message: "tiers must ascend: upTo must be greater than the previous tier's" },
        { path: "tiers.0.upTo", message: "only the last tier may have upTo: null" },
        { path: "tiers.0.unitAmountCentsPer1000", message: "Too big" },
        { path: "tiers.0.unitAmountCentsPer1000", message: "second message for the same field" },
        { path: "tiers.7", message: "no such row" },
        { path: "flatFeeCents", message: "usage_based takes no flatFeeCents" },
        { path: "currency", message: "must be a three-letter ISO 4217 code" },
        { path: "(body)", message: "Malformed JSON" },
      ],
      values,
    );
    expect(placed).toEqual([
      // The last row's bound is ∞ and has no control: the row shows the error.
      { path: "tiers.1", message: "Must be more than the previous tier's “up to”." },
      { path: "tiers.0.upTo", message: "Enter the last call this tier covers." },
      { path: "tiers.0.unitPrice", message: "Too big" },
      { path: "tiers", message: "no such row" },
    ]);
    expect(unplaced).toEqual([
      { path: "flatFeeCents", message: "usage-based takes no “flat fee”" },
      { path: "currency", message: "must be a three-letter ISO 4217 code" },
      { path: "(body)", message: "Malformed JSON" },
    ]);
  });
});

describe("the tier table", () => {
  it("adds a tier before the unbounded last one, ten times the bound before it", () => {
    const one = [tier("", "0.25")];
    expect(newTier(one)).toEqual({ index: 0, row: tier("10000", "0.25") });
    expect(addTier(one)).toEqual([tier("10000", "0.25"), tier("", "0.25")]);
    const two = addTier(one);
    expect(addTier(two)).toEqual([tier("10000", "0.25"), tier("100000", "0.25"), tier("", "0.25")]);
    // A bound not typed in yet: start again from 10,000.
    expect(newTier([tier("", "1"), tier("", "2")])).toEqual({ index: 1, row: tier("10000", "2") });
  });

  it("removes a tier but keeps at least one; removing the last makes the one before it unbounded", () => {
    const rows = [tier("100", "1"), tier("1000", "0.5"), tier("", "0.25")];
    expect(removeTier(rows, 1)).toEqual([tier("100", "1"), tier("", "0.25")]);
    const withoutLast = removeTier(rows, 2);
    expect(withoutLast).toEqual([tier("100", "1"), tier("1000", "0.5")]);
    expect(tierRanges(withoutLast)).toEqual(["1 – 100", "101 – ∞"]);
    const r = toPlanInput(form({ model: "usage_based", tiers: withoutLast }));
    expect(r.ok && r.body.tiers).toEqual([
      { upTo: 100, unitAmountCentsPer1000: 100 },
      { upTo: null, unitAmountCentsPer1000: 50 },
    ]);
    expect(removeTier([tier("", "1")], 0)).toEqual([tier("", "1")]);
  });

  it("says which calls each row covers", () => {
    expect(tierRanges([tier("10,000", "1"), tier("50000", "0.5"), tier("", "0.25")])).toEqual(["1 – 10,000", "10,001 – 50,000", "50,001 – ∞"]);
    expect(tierRanges([tier("", "1"), tier("500", "0.5"), tier("", "0.25")])).toEqual(["1 – …", "… – 500", "501 – ∞"]);
    expect(tierRanges([tier("", "1")])).toEqual(["1 – ∞"]);
  });
});

describe("fieldLabel", () => {
  it("names a form path as the form labels it", () => {
    expect(fieldLabel("tiers.1.unitPrice")).toBe("Tier 2 price per 1,000 calls");
    expect(fieldLabel("tiers.0.upTo")).toBe("Tier 1 up to");
    expect(fieldLabel("tiers.2")).toBe("Tier 3");
    expect(fieldLabel("flatFee")).toBe("Flat fee");
    expect(fieldLabel("taxRatePercent")).toBe("Tax rate");
    expect(fieldLabel("somethingElse")).toBe("somethingElse");
  });
});
