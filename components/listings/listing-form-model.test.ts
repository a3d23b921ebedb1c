import { describe, expect, it } from "vitest";
import { formErrorMap } from "@/components/forms/error-map";
import {
  centsToDollars,
  changedFields,
  createListingForm,
  dollarsToCents,
  emptyListingForm,
  listingFormValues,
  UpdateListingForm,
  type ListingFormValues,
} from "./listing-form-model";

const APP = "0b6f4a52-7d0c-4a57-9f55-3f1d2b1e9a10";
const filled: ListingFormValues = {
  ...emptyListingForm,
  tagline: "  Quotes from every carrier  ",
  description: "**Live** quotes",
  category: "quoting-rating",
  tags: ["Quoting", "quoting", "auto"],
  logoUrl: " ",
  screenshots: [{ url: "https://example.com/1.png" }, { url: "  " }, { url: "https://example.com/3.png" }],
  pricing: { model: "paid", monthlyPriceCents: "$1,249.5" },
};

/** The message each field shows: its first issue, as the form's resolver keeps it. */
function issues(values: ListingFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of UpdateListingForm.safeParse(values, { error: formErrorMap }).error?.issues ?? []) out[i.path.join(".")] ??= i.message;
  return out;
}

describe("the listing form's body", () => {
  it("becomes the API's CreateListing: trimmed, tags lower-cased once, blank rows dropped, dollars in cents", () => {
    const body = createListingForm(APP).parse(filled);
    expect(body).toEqual({
      applicationId: APP,
      tagline: "Quotes from every carrier",
      description: "**Live** quotes",
      category: "quoting-rating",
      tags: ["quoting", "auto"],
      logoUrl: null,
      screenshots: ["https://example.com/1.png", "https://example.com/3.png"],
      pricing: { model: "paid", monthlyPriceCents: 124_950 },
    });
  });

  it("drops the price of a free listing, whatever is left in the box", () => {
    const body = UpdateListingForm.parse({ ...filled, pricing: { model: "free", monthlyPriceCents: "49" } });
    expect(body.pricing).toEqual({ model: "free" });
  });

  it("names each problem at the field that shows it", () => {
    expect(
      issues({
        ...filled,
        tagline: "x".repeat(81),
        logoUrl: "http://example.com/logo.png",
        screenshots: [{ url: "https://example.com/1.png" }, { url: "ftp://example.com/2.png" }],
        pricing: { model: "paid", monthlyPriceCents: "" },
      }),
    ).toEqual({
      tagline: "Use at most 80 characters.",
      logoUrl: "must be an absolute https URL",
      "screenshots.1.url": "must be an absolute https URL",
      "pricing.monthlyPriceCents": "Enter the monthly price.",
    });
    expect(issues({ ...filled, pricing: { model: "paid", monthlyPriceCents: "12.345" } })).toEqual({
      "pricing.monthlyPriceCents": "Enter an amount in dollars, e.g. 49 or 19.99.",
    });
    expect(issues({ ...filled, pricing: { model: "paid", monthlyPriceCents: "0" } })["pricing.monthlyPriceCents"]).toMatch(/above \$0/);
    expect(issues({ ...filled, pricing: { model: "paid", monthlyPriceCents: "1000000.01" } })["pricing.monthlyPriceCents"]).toBe("Use $1,000,000 or less.");
    expect(issues({ ...filled, tagline: " ", category: "" })).toEqual({ tagline: "Required.", category: "Required." });
  });
});

describe("dollars and cents", () => {
  it("reads what people type, in integer cents, never through a float", () => {
    expect(dollarsToCents("49")).toBe(4900);
    expect(dollarsToCents("19.99")).toBe(1999);
    expect(dollarsToCents("0.29")).toBe(29);
    expect(dollarsToCents("$ 1,000.5")).toBe(100_050);
    for (const bad of ["", "1.234", "-5", "1,00", "abc", "1e3", "12."]) expect(dollarsToCents(bad), bad).toBeNull();
  });

  it("shows a stored price as it was typed", () => {
    expect(centsToDollars(4900)).toBe("49");
    expect(centsToDollars(1999)).toBe("19.99");
    expect(centsToDollars(1950)).toBe("19.50");
    expect(dollarsToCents(centsToDollars(123_456))).toBe(123_456);
  });
});

describe("changedFields", () => {
  it("lists the fields that differ from where the form started, a list compared by its items", () => {
    const base = listingFormValues({
      tagline: "A",
      description: "",
      category: "claims",
      tags: ["x"],
      logoUrl: null,
      screenshots: [],
      pricing: { model: "paid", monthlyPriceCents: 4900 },
    } as never);
    expect(base.pricing).toEqual({ model: "paid", monthlyPriceCents: "49" });
    expect(changedFields(base, base)).toEqual([]);
    expect(changedFields({ ...base, tagline: "B", tags: ["x", "y"], pricing: { ...base.pricing } }, base)).toEqual(["tagline", "tags"]);
  });
});
