import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { featuredListings } from "@/lib/marketplace/listing-queries";

export const GET = route({ auth: "public" }, async ({ db }) => ({ data: await featuredListings(db) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
