import type { Db } from "@/db";
import { oauthTokens } from "@/db/schema";
import { hasScope, isValidScope } from "@/lib/auth/scopes";
import { config } from "@/lib/config";
import type { AuthenticatedClient } from "./authenticate-client";
import { OAuthError } from "./oauth-error";
import { generateAccessToken, hashSecret } from "./token-format";

export type TokenResponse = { access_token: string; token_type: "Bearer"; expires_in: number; scope: string; refresh_token?: string };

/** The requested scopes (space-separated), each covered by the client's; absent means all of the client's. */
export function grantedScopes(client: Pick<AuthenticatedClient, "scopes">, requested: string | undefined): string[] {
  if (requested === undefined) return client.scopes;
  const asked = [...new Set(requested.split(" ").filter(Boolean))];
  if (!asked.length) return client.scopes;
  const bad = asked.filter((s) => s === "admin" || !isValidScope(s) || !hasScope(client.scopes, s));
  if (bad.length) throw new OAuthError("invalid_scope", `Not allowed for this client: ${bad.join(" ")}`);
  return asked;
}

/** Stores only the hash of a new access token and returns the one response carrying it. */
export async function issueAccessToken(
  db: Db,
  client: AuthenticatedClient,
  scopes: string[],
  extra: { userId?: string | null; accountId?: string | null; familyId?: string | null; parentId?: string | null } = {},
): Promise<{ id: string; response: TokenResponse }> {
  const token = generateAccessToken();
  const lifetime = config().OAUTH_TOKEN_LIFETIME;
  const [row] = await db
    .insert(oauthTokens)
    .values({
      kind: "access",
      tokenHash: hashSecret(token),
      clientId: client.id,
      partnerId: client.partnerId,
      scopes,
      userId: extra.userId ?? null,
      accountId: extra.accountId ?? null,
      familyId: extra.familyId ?? null,
      parentId: extra.parentId ?? null,
      expiresAt: new Date(Date.now() + lifetime * 1000),
    })
    .returning({ id: oauthTokens.id });
  return { id: row.id, response: { access_token: token, token_type: "Bearer", expires_in: lifetime, scope: scopes.join(" ") } };
}

/** RFC 6749 §4.4: a confidential client acting as its partner. */
export async function clientCredentialsGrant(db: Db, client: AuthenticatedClient, form: Map<string, string>): Promise<TokenResponse> {
  if (!client.grantTypes.includes("client_credentials")) {
    throw new OAuthError("unauthorized_client", "This client may not use the client_credentials grant");
  }
  const scopes = grantedScopes(client, form.get("scope"));
  return (await issueAccessToken(db, client, scopes)).response;
}
