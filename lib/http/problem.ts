import { dataErrorToDomain } from "@/lib/db/data-errors";
import { describeError } from "@/lib/db/errors";
import { DomainError, errorTable, type ErrorCode, type FieldError } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
};

/** Extension members (RFC 9457 §3.2) are spread first: they never replace the standard members. */
export function problemBody(code: ErrorCode, detail: string, requestId: string, errors?: FieldError[], extensions?: Record<string, unknown>): Problem {
  const { status, title } = errorTable[code];
  return {
    ...extensions,
    type: `https://portico.dev/problems/${code.toLowerCase().replace(/_/g, "-")}`,
    title,
    status,
    detail,
    code,
    requestId,
    ...(errors && errors.length ? { errors } : {}),
  };
}

export function problemResponse(
  code: ErrorCode,
  detail: string,
  requestId: string,
  opts: { errors?: FieldError[]; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): Response {
  const body = problemBody(code, detail, requestId, opts.errors, opts.extensions);
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE, "x-request-id": requestId, ...opts.headers });
  if (body.status === 401) headers.set("www-authenticate", 'Bearer realm="portico"');
  return new Response(JSON.stringify(body), { status: body.status, headers });
}

/**
 * Any thrown value → problem response. Unknown errors are hidden behind a 500
 * whose body says nothing about them, and logged without SQL text or parameter
 * values (see describeError).
 */
export function errorToResponse(err: unknown, requestId: string): Response {
  if (err instanceof DomainError) {
    return problemResponse(err.code, err.message, requestId, { errors: err.errors, headers: err.headers, extensions: err.extensions });
  }
  const refused = dataErrorToDomain(err);
  if (refused) {
    // Logged all the same: validation should have caught it first, with a better message.
    console.warn(`[${requestId}] refused by the database: ${describeError(err, { frames: false })}`);
    return problemResponse(refused.code, refused.message, requestId, { errors: refused.errors });
  }
  console.error(`[${requestId}] ${describeError(err)}`);
  return problemResponse("INTERNAL", "Something went wrong on our side. Quote the request id if you contact support.", requestId);
}
