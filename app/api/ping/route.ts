import { otherMethods } from "@/lib/http/method-not-allowed";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";

// The floor benchmarks compare against: no auth, no database (the same headers as any API answer).
export function GET() {
  const res = Response.json({ pong: true });
  setApiSecurityHeaders(res.headers);
  return res;
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
