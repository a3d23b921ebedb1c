import { allScopes } from "@/lib/auth/scopes";
import { config } from "@/lib/config";
import { oauthGrantTypes } from "./schemas";

/** RFC 8414 authorization server metadata. */
export function authorizationServerMetadata() {
  const issuer = config().OAUTH_ISSUER;
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/api/oauth/token`,
    introspection_endpoint: `${issuer}/api/oauth/introspect`,
    revocation_endpoint: `${issuer}/api/oauth/revoke`,
    scopes_supported: allScopes.filter((s) => s !== "admin"),
    response_types_supported: ["code"],
    grant_types_supported: [...oauthGrantTypes],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
  };
}
