import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { createListing } from "@/lib/marketplace/manage-listings";
import { CreateListing, SearchListingsQuery } from "@/lib/marketplace/schemas";
import { searchListings } from "@/lib/marketplace/search";

export const GET = route({ auth: "public", query: SearchListingsQuery }, ({ db, query }) => searchListings(db, query));

export const POST = route({ scopes: ["write:marketplace"], body: CreateListing, audit: "listing.created" }, async ({ db, principal, body }) =>
  Reply.created(await createListing(db, principal, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
