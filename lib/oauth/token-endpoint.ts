import { getDb, type Db } from "@/db";
import { authorizationCodeGrant } from "./authorization-code";
import { clientCredentialsGrant, type TokenResponse } from "./client-credentials";
import { authenticateClient, OAuthError, oauthEndpoint, oauthJson, readForm, type AuthenticatedClient } from "./oauth-http";
import { refreshTokenGrant } from "./refresh";

export type GrantHandler = (db: Db, client: AuthenticatedClient, form: Map<string, string>, req: Request) => Promise<TokenResponse>;

type Grant = { handle: GrantHandler; allowPublic: boolean };

const grants = new Map<string, Grant>([["client_credentials", { handle: clientCredentialsGrant, allowPublic: false }]]);

/** Further grants (authorization_code, refresh_token) plug in here; `allowPublic` admits public clients (auth method `none`). */
export function registerGrant(type: string, handle: GrantHandler, opts: { allowPublic?: boolean } = {}) {
  grants.set(type, { handle, allowPublic: opts.allowPublic ?? false });
}

registerGrant("authorization_code", authorizationCodeGrant, { allowPublic: true });
registerGrant("refresh_token", refreshTokenGrant, { allowPublic: true });

export const handleTokenRequest = oauthEndpoint(async (req) => {
  const form = await readForm(req);
  const grantType = form.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "grant_type is required");
  const db = await getDb();
  const grant = grants.get(grantType);
  const client = await authenticateClient(db, req, form, { allowPublic: grant?.allowPublic });
  if (!grant) throw new OAuthError("unsupported_grant_type", `The grant type ${grantType} is not supported`);
  return oauthJson(await grant.handle(db, client, form, req));
});
