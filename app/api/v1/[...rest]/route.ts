import { newRequestId } from "@/lib/http/request-id";
import { problemResponse } from "@/lib/http/problem";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";

// Unknown API paths answer problem+json, like every other API error.
function notFound(req: Request) {
  const res = problemResponse("NOT_FOUND", `No API route ${req.method} ${new URL(req.url).pathname}`, newRequestId());
  setApiSecurityHeaders(res.headers);
  return res;
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
