import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { relistListing } from "@/lib/marketplace/manage-listings";

export const POST = route({ admin: true, audit: "listing.relisted" }, ({ db, principal, params }) => relistListing(db, principal, params.slug));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
