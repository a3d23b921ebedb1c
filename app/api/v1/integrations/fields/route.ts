import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listPlatformFields } from "@/lib/integrations/platform-fields";

// Derived from the event catalog, which anyone signed in or holding a credential may read.
export const GET = route({}, ({ db }) => listPlatformFields(db));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
