import type { MetadataRoute } from "next";
import { config } from "@/lib/config";

// /robots.txt: crawl the marketplace and the docs; the API, sign-in and the signed-in areas
// have nothing to index. Read at request time, so the sitemap's address follows APP_URL.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/", "/admin", "/oauth/", "/signin", "/signup"] }],
    sitemap: `${config().APP_URL}/sitemap.xml`,
  };
}
