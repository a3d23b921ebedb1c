import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { ownListingStats } from "@/lib/marketplace/listing-stats";
import { ListingStatsQuery } from "@/lib/marketplace/schemas";

export const GET = route({ scopes: ["read:marketplace"], query: ListingStatsQuery }, ({ db, principal, params, query }) =>
  ownListingStats(db, principal, params.slug, query.days),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
