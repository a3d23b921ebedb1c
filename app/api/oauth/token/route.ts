import { getDb } from "@/db";
import { oauthEndpoint, oauthJson, readClientRequest } from "@/lib/http/oauth-endpoint";
import { exchangeToken } from "@/lib/oauth/exchange-token";
import { otherMethods } from "@/lib/http/method-not-allowed";

// RFC 6749 token endpoint: form-encoded, not the /api/v1 JSON pipeline.
export const POST = oauthEndpoint(async (req) => {
  const { presented } = await readClientRequest(req);
  return oauthJson(await exchangeToken(await getDb(), presented));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
