import { setApiSecurityHeaders } from "@/lib/http/security-headers";
import { authorizationServerMetadata } from "@/lib/oauth/discovery";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export async function GET() {
  // Public metadata (RFC 8414): cacheable, unlike every other API answer.
  const res = Response.json(authorizationServerMetadata(), { headers: { "cache-control": "public, max-age=300" } });
  setApiSecurityHeaders(res.headers);
  return res;
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
