import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { beginInstall } from "@/lib/integrations/install";
import { InstallListing } from "@/lib/marketplace/schemas";

// Session only: an install is a person's decision on the consent page, not a credential's.
export const POST = route(
  { auth: ["session"], scopes: ["write:marketplace"], body: InstallListing, idempotent: true, audit: "integration.install_started" },
  async ({ db, principal, params, body }) => Reply.created(await beginInstall(db, principal, params.slug, body)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
