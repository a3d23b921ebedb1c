import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { featureListing } from "@/lib/marketplace/manage-listings";
import { FeatureListing } from "@/lib/marketplace/schemas";

export const POST = route({ admin: true, body: FeatureListing, audit: "listing.featured" }, ({ db, principal, params, body }) =>
  featureListing(db, principal, params.slug, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
