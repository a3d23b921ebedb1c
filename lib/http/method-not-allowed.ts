import { problemResponse } from "./problem";
import { newRequestId } from "./request-id";
import { setApiSecurityHeaders } from "./security-headers";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request) => Promise<Response>;

/**
 * Handlers for the methods a route file does not serve: 405 problem+json with
 * `Allow` (Next's own answer is an empty 405). Spread into the route's exports:
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST")`.
 */
export function otherMethods<A extends Method>(...allowed: A[]): Record<Exclude<Method, A>, Handler> {
  // HEAD follows GET and OPTIONS is answered by Next itself.
  const allow = [...allowed, ...(allowed.includes("GET" as A) ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const handler: Handler = async (req) => {
    const res = problemResponse("METHOD_NOT_ALLOWED", `${req.method} is not supported here; use ${allowed.join(" or ")}`, newRequestId(), {
      headers: { allow },
    });
    setApiSecurityHeaders(res.headers);
    return res;
  };
  return Object.fromEntries(METHODS.filter((m) => !allowed.includes(m as A)).map((m) => [m, handler])) as Record<Exclude<Method, A>, Handler>;
}
