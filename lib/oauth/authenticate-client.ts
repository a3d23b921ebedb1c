import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, oauthClients, partners } from "@/db/schema";
import { OAuthError } from "./oauth-error";
import { secretMatches } from "./token-format";

export type AuthenticatedClient = typeof oauthClients.$inferSelect & { partnerStatus: string; partnerTier: string };

/** What a request presented: HTTP Basic credentials (if any) and the form's client_id / client_secret. */
export type PresentedClient = { basic: { id: string; secret: string } | null; form: Map<string, string> };

/**
 * client_secret_basic or client_secret_post (never both) for confidential clients;
 * with `allowPublic`, also `none` (client_id alone) for public clients.
 */
export async function authenticateClient(db: Db, presented: PresentedClient, opts: { allowPublic?: boolean } = {}): Promise<AuthenticatedClient> {
  const { basic, form } = presented;
  const postId = form.get("client_id");
  const postSecret = form.get("client_secret");
  if (basic && postSecret) throw new OAuthError("invalid_request", "Use one client authentication method, not two");
  if (basic && postId && postId !== basic.id) throw new OAuthError("invalid_request", "client_id does not match the Basic credentials");
  const creds = basic ?? (postId && postSecret ? { id: postId, secret: postSecret } : null);
  // `none`: a public client names itself (where a grant allows it, e.g. authorization_code with PKCE).
  const publicId = !creds && opts.allowPublic ? postId : undefined;
  if (!creds && !publicId) throw new OAuthError("invalid_client", "Client authentication is required");

  const [client] = await db
    .select({ client: oauthClients, partnerStatus: partners.status, partnerTier: partners.tier, appSunsetAt: applications.sunsetAt })
    .from(oauthClients)
    .innerJoin(partners, eq(partners.id, oauthClients.partnerId))
    .leftJoin(applications, eq(applications.id, oauthClients.applicationId))
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
  // After its sunset an application gets no token at all: no code exchange, no refresh.
  if (client.appSunsetAt && client.appSunsetAt <= new Date()) throw new OAuthError("invalid_client", "The client's application has reached its sunset date");
  return { ...client.client, partnerStatus: client.partnerStatus, partnerTier: client.partnerTier };
}
