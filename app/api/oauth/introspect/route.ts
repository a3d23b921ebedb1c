import { getDb } from "@/db";
import { oauthEndpoint, oauthJson, readClientRequest } from "@/lib/http/oauth-endpoint";
import { authenticateClient } from "@/lib/oauth/authenticate-client";
import { introspectToken } from "@/lib/oauth/introspect-revoke";
import { otherMethods } from "@/lib/http/method-not-allowed";

// RFC 7662 token introspection, for the client the token was issued to.
export const POST = oauthEndpoint(async (req) => {
  const { form, presented } = await readClientRequest(req);
  const db = await getDb();
  return oauthJson(await introspectToken(db, await authenticateClient(db, presented), form));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
