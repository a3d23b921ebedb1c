import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { trendingListings } from "@/lib/marketplace/listing-queries";

export const GET = route({ auth: "public" }, async ({ db }) => ({ data: await trendingListings(db) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
