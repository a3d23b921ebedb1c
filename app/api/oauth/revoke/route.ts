import { getDb } from "@/db";
import { oauthEndpoint, readClientRequest } from "@/lib/http/oauth-endpoint";
import { authenticateClient } from "@/lib/oauth/authenticate-client";
import { revokeToken } from "@/lib/oauth/introspect-revoke";
import { otherMethods } from "@/lib/http/method-not-allowed";

// RFC 7009 token revocation: 200 whatever the token, so the answer reveals nothing.
export const POST = oauthEndpoint(async (req) => {
  const { form, presented } = await readClientRequest(req);
  const db = await getDb();
  await revokeToken(db, await authenticateClient(db, presented), form);
  return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
