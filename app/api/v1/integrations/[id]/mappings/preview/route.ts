import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { previewMappings } from "@/lib/integrations/mappings";
import { PreviewMappings } from "@/lib/integrations/schemas";

// Changes nothing: readers may preview too, and it is not audited.
export const POST = route({ scopes: ["read:marketplace"], body: PreviewMappings, audit: false }, ({ db, principal, params, body }) =>
  previewMappings(db, principal, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
