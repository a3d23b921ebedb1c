import { config } from "@/lib/config";
import { openApiDocument } from "@/lib/openapi/document";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";
import { otherMethods } from "@/lib/http/method-not-allowed";

export function GET() {
  // Public and the same for everyone: it may be cached (setApiSecurityHeaders keeps a Cache-Control it finds).
  const res = Response.json(openApiDocument(config().APP_URL), { headers: { "cache-control": "public, max-age=60" } });
  setApiSecurityHeaders(res.headers);
  return res;
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
