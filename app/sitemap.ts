import type { MetadataRoute } from "next";
import { getDb } from "@/db";
import { config } from "@/lib/config";
import { listCategories } from "@/lib/marketplace/categories";
import { sitemapListings } from "@/lib/marketplace/listing-queries";

// /sitemap.xml: the public marketplace, read from the database on each request (never frozen
// at build time), with absolute URLs on the configured APP_URL.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const db = await getDb();
  const base = config().APP_URL;
  const [listings, categories] = await Promise.all([sitemapListings(db), listCategories(db)]);
  return [
    { url: `${base}/marketplace`, changeFrequency: "daily", priority: 1 },
    ...categories.map((c) => ({ url: `${base}/marketplace/categories/${c.slug}`, changeFrequency: "daily" as const, priority: 0.6 })),
    ...listings.map((l) => ({
      url: `${base}/marketplace/apps/${encodeURIComponent(l.slug)}`,
      lastModified: l.updatedAt,
      changeFrequency: "weekly" as const,
      priority: 0.8,
    })),
  ];
}
