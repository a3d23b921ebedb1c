import type { ListingItem } from "@/lib/marketplace/schemas";

// How a listing's numbers read on a card: "1.2K installs", "Free", "$49/month".

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function installsText(n: number): string {
  return `${compact.format(n)} ${n === 1 ? "install" : "installs"}`;
}

export function priceText(pricing: ListingItem["pricing"]): string {
  if (pricing.model === "free" || pricing.monthlyPriceCents === undefined) return "Free";
  const cents = pricing.monthlyPriceCents;
  const dollars = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
  return `${dollars}/month`;
}
