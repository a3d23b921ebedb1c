// The OAuth endpoints answer in RFC 6749 §5.2 terms, not problem+json: an
// error code from this list and a description.

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
