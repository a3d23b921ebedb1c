import { describeError } from "@/lib/db/errors";
import { OAuthError } from "@/lib/oauth/oauth-error";
import { setApiSecurityHeaders } from "./security-headers";
import { hasUnsafeChars } from "@/lib/validation/unsafe-strings";

// The HTTP side of the OAuth endpoints (RFC 6749): form-encoded requests, HTTP
// Basic client credentials, `{error, error_description}` bodies and
// `Cache-Control: no-store`. The OAuth logic itself lives in lib/oauth.

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export function oauthJson(body: unknown, status = 200): Response {
  const res = new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...NO_STORE } });
  setApiSecurityHeaders(res.headers);
  return res;
}

export function oauthErrorResponse(err: unknown): Response {
  if (!(err instanceof OAuthError)) {
    console.error(`oauth endpoint failed: ${describeError(err)}`);
    return oauthJson({ error: "server_error", error_description: "The server could not handle the request" }, 500);
  }
  const res = oauthJson({ error: err.error, error_description: err.description }, err.status);
  if (err.status === 401) res.headers.set("www-authenticate", 'Basic realm="portico"');
  return res;
}

/** Wraps an endpoint so every thrown OAuthError (or bug) becomes an RFC 6749 §5.2 response. */
export function oauthEndpoint(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      return await handler(req);
    } catch (err) {
      return oauthErrorResponse(err);
    }
  };
}

/** The form body; each parameter at most once (RFC 6749 §3.2). */
export async function readForm(req: Request): Promise<Map<string, string>> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded");
  }
  const text = await req.text();
  if (text.length > 64 * 1024) throw new OAuthError("invalid_request", "The body is too large");
  const form = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(text)) {
    if (hasUnsafeChars(k) || hasUnsafeChars(v)) {
      throw new OAuthError("invalid_request", `The parameter ${hasUnsafeChars(k) ? "name" : k} holds characters that are not allowed (NUL or invalid Unicode)`);
    }
    if (form.has(k)) throw new OAuthError("invalid_request", `The parameter ${k} is repeated`);
    if (v !== "") form.set(k, v);
  }
  return form;
}

/** HTTP Basic client credentials, or null without an Authorization header. */
export function basicCredentials(req: Request): { id: string; secret: string } | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) throw new OAuthError("invalid_client", "Unsupported Authorization header; use HTTP Basic");
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) throw new OAuthError("invalid_client", "Malformed Basic credentials");
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    const id = dec(decoded.slice(0, i));
    const secret = dec(decoded.slice(i + 1));
    if (hasUnsafeChars(id) || hasUnsafeChars(secret)) throw new Error("unsafe");
    return { id, secret };
  } catch {
    throw new OAuthError("invalid_client", "Malformed Basic credentials");
  }
}

/** The form and the client credentials it came with: what every client-authenticated endpoint starts from. */
export async function readClientRequest(req: Request) {
  const form = await readForm(req);
  return { form, presented: { basic: basicCredentials(req), form } };
}
