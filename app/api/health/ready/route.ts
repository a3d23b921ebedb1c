import { checkReadiness } from "@/lib/jobs/check-health";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export async function GET() {
  const ready = await checkReadiness();
  const res = Response.json(ready.body, { status: ready.status, headers: { "cache-control": "no-store" } });
  setApiSecurityHeaders(res.headers);
  return res;
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
