import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getListing } from "@/lib/marketplace/listing-queries";
import { updateListing } from "@/lib/marketplace/manage-listings";
import { UpdateListing } from "@/lib/marketplace/schemas";

export const GET = route({ auth: "public" }, ({ db, principal, params }) => getListing(db, principal, params.slug));

export const PATCH = route({ scopes: ["write:marketplace"], body: UpdateListing, audit: "listing.updated" }, ({ db, principal, params, body }) =>
  updateListing(db, principal, params.slug, body),
);

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
