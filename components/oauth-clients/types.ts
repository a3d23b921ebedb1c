// Shapes as the API returns them (JSON), for the portal's client components.
export type OAuthClientType = "confidential" | "public";
export type OAuthClientStatus = "active" | "disabled";
export type OAuthGrantType = "authorization_code" | "client_credentials" | "refresh_token";

export type OAuthClient = {
  id: string;
  clientId: string;
  name: string;
  type: OAuthClientType;
  redirectUris: string[];
  grantTypes: OAuthGrantType[];
  scopes: string[];
  status: OAuthClientStatus;
  /** Last four characters of the secret; null for public clients. */
  secretLast4: string | null;
  /** The app this client belongs to (created when the app was first published); it then changes only through the app. */
  applicationId: string | null;
  /** Access tokens that are neither revoked nor expired. */
  activeTokens: number;
  createdAt: string;
  updatedAt: string;
};

/** What POST /oauth-clients and POST /oauth-clients/{id}/rotate-secret return: the only time the secret is visible. */
export type CreatedOAuthClient = OAuthClient & { clientSecret?: string };

export const discoveryPath = "/.well-known/oauth-authorization-server";
