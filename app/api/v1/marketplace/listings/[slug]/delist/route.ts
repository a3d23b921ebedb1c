import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { delistListing } from "@/lib/marketplace/manage-listings";
import { DelistListing } from "@/lib/marketplace/schemas";

export const POST = route({ admin: true, body: DelistListing, audit: "listing.delisted" }, ({ db, principal, params, body }) =>
  delistListing(db, principal, params.slug, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
