"use client";

import { ImageOff } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { installsText, priceText } from "@/components/marketplace/browse-format";
import { ListingLogo } from "@/components/marketplace/browse-logo";
import { ListingCard } from "@/components/marketplace/listing-card";
import { Markdown } from "@/components/marketplace/markdown";
import { RatingStars } from "@/components/marketplace/rating-stars";
import type { ListingItem } from "@/lib/marketplace/schemas";
import { dollarsToCents, httpsOrNull, type ListingFormValues } from "./listing-form-model";

export type PreviewContext = {
  slug: string;
  name: string;
  partner: { name: string; slug: string };
  /** Category slug → name, to show the chosen category by its name. */
  categoryNames: Record<string, string>;
  rating?: ListingItem["rating"];
  installCount?: number;
  featured?: boolean;
  publishedAt?: string | null;
};

/** The pricing as it will read; a paid listing without a usable price yet reads "Paid". */
function pricingOf(p: ListingFormValues["pricing"]): ListingItem["pricing"] | null {
  if (p.model === "free") return { model: "free" };
  const cents = dollarsToCents(p.monthlyPriceCents);
  return cents && cents > 0 ? { model: "paid", monthlyPriceCents: cents } : null;
}

/**
 * How the listing will look, from the form's values as they are typed: its card in search results
 * and categories (the marketplace's own card), and the top of its page with the description
 * rendered by the marketplace's own Markdown renderer. The card and the page top are a picture:
 * inert, so the card's link and headings do not join this page's.
 */
export function ListingPreview({ values, context }: { values: ListingFormValues; context: PreviewContext }) {
  // Rendering Markdown on every keystroke must not slow the typing down.
  const description = useDeferredValue(values.description);
  const logoUrl = httpsOrNull(values.logoUrl);
  const tagline = values.tagline.trim();
  const categoryName = values.category ? (context.categoryNames[values.category] ?? null) : null;
  const pricing = pricingOf(values.pricing);
  const price = pricing ? priceText(pricing) : "Paid";
  const shots = values.screenshots.map((s) => s.url.trim()).filter(Boolean);
  const rating = context.rating ?? { average: null, count: 0 };
  const item: ListingItem = {
    slug: context.slug,
    name: context.name,
    tagline: tagline || "Your tagline shows here",
    category: values.category || null,
    tags: values.tags,
    logoUrl,
    partner: context.partner,
    rating,
    installCount: context.installCount ?? 0,
    featured: context.featured ?? false,
    pricing: pricing ?? { model: "paid" },
    publishedAt: context.publishedAt ?? null,
  };

  return (
    <div className="grid gap-5" data-testid="listing-preview">
      <div>
        <p className="mb-2 text-xs font-medium tracking-wide text-slate-600 uppercase">Card in search results</p>
        <div inert data-testid="preview-card" className="flex [&_.line-clamp-2]:break-words">
          <ListingCard listing={item} categoryName={categoryName ?? undefined} />
        </div>
      </div>

      <div>
        <p className="mb-2 text-xs font-medium tracking-wide text-slate-600 uppercase">Top of the listing page</p>
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="preview-page">
          <div inert className="p-4">
            <div className="flex min-w-0 gap-4">
              <ListingLogo name={context.name} url={logoUrl} size="lg" />
              <div className="min-w-0">
                <p className="text-xl font-semibold tracking-tight break-words text-slate-900">{context.name}</p>
                <p className="mt-0.5 text-sm text-slate-600">
                  by <span className="font-medium text-slate-800">{context.partner.name}</span>
                  {categoryName && <span className="text-brand-700"> · {categoryName}</span>}
                </p>
              </div>
            </div>
            <p className={`mt-3 text-base break-words ${tagline ? "text-slate-700" : "text-slate-600 italic"}`} data-testid="preview-page-tagline">
              {tagline || "Your tagline shows here"}
            </p>
            <ul className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm text-slate-700">
              <li>
                <RatingStars average={rating.average} count={rating.count} size="md" />
              </li>
              <li>{installsText(context.installCount ?? 0)}</li>
              <li className="font-medium text-slate-900" data-testid="preview-price">
                {price}
              </li>
            </ul>
            {shots.length > 0 && (
              <ul className="mt-4 grid grid-cols-3 gap-2">
                {shots.map((url, i) => (
                  <li key={`${i}-${url}`}>
                    <Screenshot url={httpsOrNull(url)} n={i + 1} />
                  </li>
                ))}
              </ul>
            )}
            {values.tags.length > 0 && (
              <ul className="mt-4 flex flex-wrap gap-1.5">
                {values.tags.map((t) => (
                  <li key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                    {t}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div
            className="max-h-[28rem] overflow-y-auto border-t border-slate-200 px-4 py-3"
            tabIndex={0}
            role="region"
            aria-label="Description preview"
            data-testid="preview-description"
          >
            {description.trim() ? <Markdown>{description}</Markdown> : <p className="text-sm text-slate-600 italic">The description shows here, as Markdown.</p>}
          </div>
        </div>
      </div>
    </div>
  );
}

/** A screenshot thumbnail; a URL that is not https yet, or an image that does not load, is a plain tile. */
function Screenshot({ url, n }: { url: string | null; n: number }) {
  const [failed, setFailed] = useState<string | null>(null);
  const tile = "flex aspect-video w-full items-center justify-center gap-1 rounded-md bg-slate-100 text-[11px] text-slate-600 ring-1 ring-slate-200 ring-inset";
  if (!url || failed === url) {
    return (
      <span className={tile}>
        <ImageOff aria-hidden className="size-3.5" />
        {url ? `${n}: no image` : `${n}: needs https`}
      </span>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- partner screenshots from their own hosts, sizes unknown
    <img
      src={url}
      alt={`Screenshot ${n}`}
      loading="lazy"
      ref={(img) => {
        if (img && img.complete && img.naturalWidth === 0) setFailed(url);
      }}
      onError={() => setFailed(url)}
      className="aspect-video w-full rounded-md bg-slate-100 object-cover ring-1 ring-slate-200 ring-inset"
    />
  );
}
