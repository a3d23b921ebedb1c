// Typed domain errors. lib/http maps each to an RFC 9457 problem response via the code table.

export type FieldError = { path: string; message: string };

export const errorTable = {
  UNAUTHENTICATED: { status: 401, title: "Authentication required" },
  INVALID_CREDENTIAL: { status: 401, title: "Invalid credential" },
  KEY_REVOKED: { status: 401, title: "API key revoked" },
  KEY_EXPIRED: { status: 401, title: "API key expired" },
  PARTNER_SUSPENDED: { status: 401, title: "Partner not active" },
  TOKEN_EXPIRED: { status: 401, title: "Access token expired" },
  APP_SUNSET: { status: 401, title: "Application sunset" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  INSUFFICIENT_SCOPE: { status: 403, title: "Insufficient scope" },
  NOT_INSTALLED: { status: 403, title: "The app is not installed in your account" },
  SCOPE_CEILING: { status: 403, title: "Credential broader than the caller" },
  NOT_FOUND: { status: 404, title: "Not found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  CONFLICT: { status: 409, title: "Conflict" },
  INVALID_TRANSITION: { status: 409, title: "Invalid status transition" },
  TICKET_CLOSED: { status: 409, title: "Ticket closed" },
  PARTNER_NOT_ACTIVE: { status: 409, title: "Partner not active" },
  ALREADY_INSTALLED: { status: 409, title: "Already installed" },
  APP_DEPRECATED: { status: 409, title: "The app is being retired" },
  ALREADY_REVIEWED: { status: 409, title: "Already reviewed" },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: "Idempotency key reused with a different request" },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: "A request with this idempotency key is still in progress" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Payload too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  MALFORMED_JSON: { status: 400, title: "Malformed JSON" },
  JSON_TOO_DEEP: { status: 400, title: "JSON nested too deeply" },
  INVALID_REQUEST: { status: 400, title: "Invalid request" },
  VALIDATION_FAILED: { status: 422, title: "Validation failed" },
  SECURITY_CHECKS_FAILED: { status: 422, title: "Security checks failed" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  INTERNAL: { status: 500, title: "Internal server error" },
  SERVICE_UNAVAILABLE: { status: 503, title: "Service unavailable" },
} as const;

export type ErrorCode = keyof typeof errorTable;

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly errors?: FieldError[],
    public readonly headers?: Record<string, string>,
    /** RFC 9457 extension members: machine-readable facts beside `detail` (e.g. the action that gets past the error). */
    public readonly extensions?: Record<string, unknown>,
  ) {
    super(message ?? errorTable[code].title);
    this.name = new.target.name;
  }
  get status(): number {
    return errorTable[this.code].status;
  }
}

export class NotFound extends DomainError {
  constructor(what = "Resource") {
    super("NOT_FOUND", `${what} not found`);
  }
}

export class Forbidden extends DomainError {
  constructor(message = "You are not allowed to do this", code: "FORBIDDEN" | "INSUFFICIENT_SCOPE" = "FORBIDDEN") {
    super(code, message);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = "Authentication required", code: "UNAUTHENTICATED" | "INVALID_CREDENTIAL" = "UNAUTHENTICATED") {
    super(code, message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, errors?: FieldError[]) {
    super("CONFLICT", message, errors);
  }
}

/** A lifecycle step the thing's current status does not allow (409), naming that status. */
export class InvalidTransition extends DomainError {
  constructor(
    public readonly currentStatus: string,
    action: string,
    what = "This",
  ) {
    super("INVALID_TRANSITION", `${what} is ${currentStatus.replace(/_/g, " ")}: it cannot ${action} now`, [
      { path: "status", message: `is ${currentStatus}` },
    ]);
  }
}

/** Valid JSON that breaks a rule (422), naming the field(s). */
export class Invalid extends DomainError {
  constructor(message: string, errors?: FieldError[]) {
    super("VALIDATION_FAILED", message, errors);
  }
}

export class RateLimited extends DomainError {
  constructor(retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super("RATE_LIMITED", `Rate limit exceeded; retry in ${retryAfterSeconds}s`, undefined, {
      ...headers,
      "retry-after": String(retryAfterSeconds),
    });
  }
}
