import { z } from "zod";
import { formErrorMap } from "@/components/forms/error-map";
import { CreateListing, UpdateListing, pricingModels, type ListingPage } from "@/lib/marketplace/schemas";

// The listing form's values (what the controls hold: strings, a list of tags, screenshot rows, the
// price in dollars as typed) and how they become the API's own CreateListing / UpdateListing bodies,
// which they are piped into at the end: the browser checks the same rules the server will. Field
// names are the API's (`pricing.monthlyPriceCents` holds the dollars the partner types), so a
// server error names the field it lands on.

export const MAX_TAGS = 10;
export const MAX_SCREENSHOTS = 6;
export const TAGLINE_MAX = 80;

/** The API's https-only URL rule (logo and each screenshot). */
const HttpsUrl = UpdateListing.shape.screenshots.unwrap().element;
/** The API's tag list: each tag checked, lower-cased, duplicates dropped. */
export const TagList = UpdateListing.shape.tags.unwrap();

/** A field that may be left blank (null), else checked by the API's own schema for it. */
function blankOr<T extends z.ZodType<string>>(schema: T) {
  return z
    .string()
    .trim()
    .transform((v, ctx): string | null => {
      if (!v) return null;
      const r = schema.safeParse(v, { error: formErrorMap });
      if (r.success) return r.data;
      for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });
}

/** "49", "$1,249.50" → cents; null when it is not an amount of dollars with at most two decimals. */
export function dollarsToCents(input: string): number | null {
  const m = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  const whole = Number(m[1].replace(/,/g, ""));
  const fraction = m[2] ? Number(m[2].padEnd(2, "0")) : 0;
  const cents = whole * 100 + fraction;
  return Number.isSafeInteger(cents) ? cents : null;
}

/** 4900 → "49", 1999 → "19.99": what the price field shows for a stored price. */
export function centsToDollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

const MAX_PRICE_CENTS = 100_000_000;

const PricingValues = z
  .object({ model: z.enum(pricingModels), monthlyPriceCents: z.string() })
  .transform((p, ctx): { model: "free" | "paid"; monthlyPriceCents?: number } => {
    if (p.model === "free") return { model: "free" };
    const typed = p.monthlyPriceCents.trim();
    const cents = typed ? dollarsToCents(typed) : null;
    const problem = !typed
      ? "Enter the monthly price."
      : cents === null
        ? "Enter an amount in dollars, e.g. 49 or 19.99."
        : cents < 1
          ? "Enter a price above $0, or make the listing free."
          : cents > MAX_PRICE_CENTS
            ? "Use $1,000,000 or less."
            : null;
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["monthlyPriceCents"], message: problem });
      return z.NEVER;
    }
    return { model: "paid", monthlyPriceCents: cents! };
  });

const fields = {
  tagline: UpdateListing.shape.tagline.unwrap(),
  description: UpdateListing.shape.description.unwrap(),
  category: UpdateListing.shape.category.unwrap(),
  tags: TagList,
  logoUrl: blankOr(HttpsUrl),
  screenshots: z.array(z.object({ url: blankOr(HttpsUrl) })).max(MAX_SCREENSHOTS),
  pricing: PricingValues,
};

export type ListingFormValues = z.input<z.ZodObject<typeof fields>>;
type Parsed = z.output<z.ZodObject<typeof fields>>;

function body(v: Parsed) {
  return {
    tagline: v.tagline,
    description: v.description,
    category: v.category,
    tags: v.tags,
    logoUrl: v.logoUrl,
    // Blank rows dropped: the indexes of the API's errors then follow the list it got (see alignScreenshotRows).
    screenshots: v.screenshots.flatMap((r) => (r.url ? [r.url] : [])),
    pricing: v.pricing,
  };
}

/** The edit form: every field, piped into the API's UpdateListing (the PATCH body). */
export const UpdateListingForm = z
  .object(fields)
  .transform((v): z.input<typeof UpdateListing> => body(v))
  .pipe(UpdateListing);

/** The create form for one app: the same fields plus the app, piped into the API's CreateListing. */
export function createListingForm(applicationId: string) {
  return z
    .object(fields)
    .transform((v): z.input<typeof CreateListing> => ({ applicationId, ...body(v) }))
    .pipe(CreateListing);
}

export const emptyListingForm: ListingFormValues = {
  tagline: "",
  description: "",
  category: "",
  tags: [],
  logoUrl: "",
  screenshots: [],
  pricing: { model: "free", monthlyPriceCents: "" },
};

/** The form's values for a listing as it is now. */
export function listingFormValues(l: ListingPage): ListingFormValues {
  return {
    tagline: l.tagline,
    description: l.description,
    category: l.category ?? "",
    tags: [...l.tags],
    logoUrl: l.logoUrl ?? "",
    screenshots: l.screenshots.map((url) => ({ url })),
    pricing: {
      model: l.pricing.model,
      monthlyPriceCents: l.pricing.model === "paid" && l.pricing.monthlyPriceCents ? centsToDollars(l.pricing.monthlyPriceCents) : "",
    },
  };
}

/** The fields whose values differ from what the form started from (what a PATCH needs to carry). */
export function changedFields(values: ListingFormValues, base: ListingFormValues): (keyof ListingFormValues)[] {
  return (Object.keys(values) as (keyof ListingFormValues)[]).filter((k) => JSON.stringify(values[k]) !== JSON.stringify(base[k]));
}

/** An https URL as typed, or null: what the preview may show as an image. */
export function httpsOrNull(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  return HttpsUrl.safeParse(v).success ? v : null;
}
