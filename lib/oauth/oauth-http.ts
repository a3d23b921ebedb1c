import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { oauthClients, partners } from "@/db/schema";
import { secretMatches } from "./token-format";

// The OAuth endpoints speak RFC 6749, not problem+json: form-encoded requests,
// `{error, error_description}` bodies, `Cache-Control: no-store`.

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "server_error";

export class OAuthError extends Error {
  constructor(
    public readonly error: OAuthErrorCode,
    public readonly description: string,
    public readonly status = error === "invalid_client" ? 401 : error === "server_error" ? 500 : 400,
  ) {
    super(description);
  }
}

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export function oauthJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...NO_STORE } });
}

export function oauthErrorResponse(err: unknown): Response {
  if (!(err instanceof OAuthError)) {
    console.error("oauth endpoint failed:", err);
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
    if (form.has(k)) throw new OAuthError("invalid_request", `The parameter ${k} is repeated`);
    if (v !== "") form.set(k, v);
  }
  return form;
}

export type AuthenticatedClient = typeof oauthClients.$inferSelect & { partnerStatus: string; partnerTier: string };

function basicCredentials(req: Request): { id: string; secret: string } | null {
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
    return { id: dec(decoded.slice(0, i)), secret: dec(decoded.slice(i + 1)) };
  } catch {
    throw new OAuthError("invalid_client", "Malformed Basic credentials");
  }
}

/**
 * client_secret_basic or client_secret_post (never both) for confidential clients;
 * with `allowPublic`, also `none` (client_id alone) for public clients.
 */
export async function authenticateClient(
  db: Db,
  req: Request,
  form: Map<string, string>,
  opts: { allowPublic?: boolean } = {},
): Promise<AuthenticatedClient> {
  const basic = basicCredentials(req);
  const postId = form.get("client_id");
  const postSecret = form.get("client_secret");
  if (basic && postSecret) throw new OAuthError("invalid_request", "Use one client authentication method, not two");
  if (basic && postId && postId !== basic.id) throw new OAuthError("invalid_request", "client_id does not match the Basic credentials");
  const creds = basic ?? (postId && postSecret ? { id: postId, secret: postSecret } : null);
  // `none`: a public client names itself (where a grant allows it, e.g. authorization_code with PKCE).
  const publicId = !creds && opts.allowPublic ? postId : undefined;
  if (!creds && !publicId) throw new OAuthError("invalid_client", "Client authentication is required");

  const [client] = await db
    .select({ client: oauthClients, partnerStatus: partners.status, partnerTier: partners.tier })
    .from(oauthClients)
    .innerJoin(partners, eq(partners.id, oauthClients.partnerId))
    .where(and(eq(oauthClients.clientId, creds?.id ?? publicId!)))
    .limit(1);
  if (creds) {
    // Compare even for an unknown client, so timing does not tell which client ids exist.
    const ok = secretMatches(creds.secret, client?.client.secretHash ?? null);
    if (!client || !ok || client.client.type !== "confidential") throw new OAuthError("invalid_client", "Client authentication failed");
  } else if (!client || client.client.type !== "public") {
    throw new OAuthError("invalid_client", "Client authentication failed");
  }
  if (client.client.status !== "active") throw new OAuthError("invalid_client", "The client is disabled");
  if (client.partnerStatus !== "active") throw new OAuthError("invalid_client", "The client's partner is not active");
  return { ...client.client, partnerStatus: client.partnerStatus, partnerTier: client.partnerTier };
}
