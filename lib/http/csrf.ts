import { config } from "@/lib/config";
import { Forbidden } from "@/lib/errors";

/**
 * Cookie-authenticated mutations must come from our own pages. next-auth's
 * cookie is SameSite=Lax already; this also refuses cross-site fetches that a
 * browser labels via Origin / Sec-Fetch-Site. Bearer requests carry no ambient
 * credential and skip this.
 */
export function checkSameOrigin(req: Request) {
  const site = req.headers.get("sec-fetch-site");
  if (site === "cross-site") throw new Forbidden("Cross-site requests are not allowed with a session cookie");
  const origin = req.headers.get("origin");
  if (!origin) return;
  const allowed = new Set([new URL(req.url).origin, config().APP_URL]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!allowed.has(origin)) throw new Forbidden("The request's Origin does not match this site");
}
