import type { Db } from "@/db";
import { authenticateClient, type AuthenticatedClient, type PresentedClient } from "./authenticate-client";
import { authorizationCodeGrant } from "./authorization-code";
import { clientCredentialsGrant, type TokenResponse } from "./client-credentials";
import { OAuthError } from "./oauth-error";
import { refreshTokenGrant } from "./refresh";

export type GrantHandler = (db: Db, client: AuthenticatedClient, form: Map<string, string>) => Promise<TokenResponse>;

// `allowPublic` admits public clients (client authentication method `none`).
const grants = new Map<string, { handle: GrantHandler; allowPublic: boolean }>([
  ["client_credentials", { handle: clientCredentialsGrant, allowPublic: false }],
  ["authorization_code", { handle: authorizationCodeGrant, allowPublic: true }],
  ["refresh_token", { handle: refreshTokenGrant, allowPublic: true }],
]);

/** The token endpoint (RFC 6749 §3.2): authenticate the client as its grant requires, then run the grant. */
export async function exchangeToken(db: Db, presented: PresentedClient): Promise<TokenResponse> {
  const grantType = presented.form.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "grant_type is required");
  const grant = grants.get(grantType);
  // The client is authenticated first: an unknown grant type is only reported to a client that proved who it is.
  const client = await authenticateClient(db, presented, { allowPublic: grant?.allowPublic });
  if (!grant) throw new OAuthError("unsupported_grant_type", `The grant type ${grantType} is not supported`);
  return grant.handle(db, client, presented.form);
}
