import type { z } from "zod";
import { getDb, type Db } from "@/db";
import { isAdmin, principalKey, type Principal } from "@/lib/auth/principal";
import { missingScopes } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, Forbidden, RateLimited, Unauthenticated } from "@/lib/errors";
import { rateLimitHeaders } from "@/lib/ratelimit/headers";
import { getRateLimiter } from "@/lib/ratelimit/rate-limiter";
import { meterCall } from "@/lib/usage/meter";
import { meterIntegrationCall } from "@/lib/integrations/meter-integration-call";
import { authenticate, type AuthMethod } from "./authenticate";
import "./resolvers";
import { clientIp } from "./client-ip";
import { checkSameOrigin } from "./csrf";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from "./idempotency";
import { parseJsonText, parseWith, readBodyText, rejectUnsafeParams, searchParamsToObject } from "./parse";
import { errorToResponse } from "./problem";
import { Reply } from "./reply";
import { newRequestId } from "./request-id";
import { setApiSecurityHeaders } from "./security-headers";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteOptions<B extends Schema | undefined, Q extends Schema | undefined, Auth extends boolean> = {
  /** Which credentials are accepted; "public" needs none. Default: all three. */
  auth?: Auth extends true ? AuthMethod[] : "public";
  scopes?: string[];
  /** Platform admins only (session admins or an `admin`-scoped credential). */
  admin?: boolean;
  body?: B;
  query?: Q;
  /** Replay stored responses for a repeated Idempotency-Key (default: on for POST). */
  idempotent?: boolean;
  /** The audit action name for a mutation; default "<METHOD> <path>". */
  audit?: string | false;
};

export type HandlerContext<B, Q, Auth extends boolean> = {
  req: Request;
  db: Db;
  principal: Auth extends true ? Principal : Principal | null;
  body: B;
  query: Q;
  params: Record<string, string>;
  requestId: string;
  ip: string | null;
  /** The request's Idempotency-Key, checked; null without one. */
  idempotencyKey: string | null;
};

type NextContext = { params?: Promise<Record<string, string | string[]>> };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);


/**
 * One declared handler per route method: authenticate → authorize → parse →
 * (idempotency) → run → map errors → audit. Special cases belong in handlers.
 */
export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  options: RouteOptions<B, Q, true>,
  handler: (ctx: HandlerContext<Out<B>, Out<Q>, true>) => Promise<unknown>,
): (req: Request, next?: NextContext) => Promise<Response>;
export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  options: RouteOptions<B, Q, false>,
  handler: (ctx: HandlerContext<Out<B>, Out<Q>, false>) => Promise<unknown>,
): (req: Request, next?: NextContext) => Promise<Response>;
export function route(
  options: RouteOptions<Schema | undefined, Schema | undefined, boolean>,
  handler: (ctx: HandlerContext<unknown, unknown, boolean>) => Promise<unknown>,
) {
  return async (req: Request, next?: NextContext): Promise<Response> => {
    const requestId = newRequestId();
    const started = performance.now();
    const seen: Seen = {};
    const response = await handle(options, handler, req, next, requestId, seen);
    // Rate-limit headers go on every response to a bearer request, errors included.
    for (const [k, v] of Object.entries(seen.rateHeaders ?? {})) response.headers.set(k, v);
    setApiSecurityHeaders(response.headers);
    const sunset = seen.principal?.sunset;
    if (sunset) {
      response.headers.set("deprecation", `@${Math.floor(sunset.deprecatedAt.getTime() / 1000)}`);
      response.headers.set("sunset", sunset.sunsetAt.toUTCString());
    }
    const meter = seen.principal?.meter;
    if (meter && seen.principal?.partnerId) {
      meterCall({ partnerId: seen.principal.partnerId, ...meter, routeGroup: routeGroup(req), status: response.status });
      // An app's token acting for an account also counts toward that integration's metrics.
      meterIntegrationCall(seen.principal, req, { status: response.status, latencyMs: performance.now() - started, requestId, error: seen.error });
    }
    return response;
  };
}

/** What the pipeline learned that the outer wrapper needs even when a later step throws. */
type Seen = { principal?: Principal; rateHeaders?: Record<string, string>; error?: unknown };

function routeGroup(req: Request): string {
  return new URL(req.url).pathname.split("/")[3] || "root";
}

async function handle(
  options: RouteOptions<Schema | undefined, Schema | undefined, boolean>,
  handler: (ctx: HandlerContext<unknown, unknown, boolean>) => Promise<unknown>,
  req: Request,
  next: NextContext | undefined,
  requestId: string,
  seen: Seen,
): Promise<Response> {
  const url = new URL(req.url);
  const method = req.method.toUpperCase();
  let db: Db | undefined;
  let idempotencyId: string | undefined;
  try {
    db = await getDb();
    const isPublic = options.auth === "public";
    const allowed: AuthMethod[] = options.auth === "public" || !options.auth ? ["session", "api_key", "oauth"] : options.auth;
    const principal = await authenticate(db, req, allowed);
    if (!principal && !isPublic) throw new Unauthenticated("Sign in, or send `Authorization: Bearer <API key or OAuth token>`");
    if (principal) seen.principal = principal;
    if (principal?.rateLimit) {
      const rl = await getRateLimiter().take(principal.rateLimit.bucket, principal.rateLimit.limit);
      seen.rateHeaders = rateLimitHeaders(rl);
      if (!rl.allowed) throw new RateLimited(rl.retryAfterSeconds);
    }
    if (principal) authorize(principal, options);
    if (principal?.type === "session" && MUTATING.has(method)) checkSameOrigin(req);

    const raw = await (async () => {
      const rawParams = next?.params ? await next.params : {};
      return Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
    })();
    rejectUnsafeParams(raw, "path");
    const rawQuery = searchParamsToObject(url.searchParams);
    rejectUnsafeParams(rawQuery, "query");
    const query = options.query ? parseWith(options.query, rawQuery, "query parameters") : undefined;
    const bodyText = MUTATING.has(method) ? await readBodyText(req) : "";
    const body = options.body ? parseWith(options.body, parseJsonText(bodyText, req), "request body") : undefined;

    const idempotent = options.idempotent ?? method === "POST";
    const idemKey = idempotent ? idempotencyKeyOf(req) : null;
    if (idempotent && idemKey && principal) {
      const claim = await claimIdempotencyKey(db, {
        scope: principalKey(principal),
        key: idemKey,
        method,
        path: url.pathname,
        fingerprint: requestFingerprint(method, url.pathname, bodyText),
      });
      if (claim.kind === "replay") {
        return new Response(claim.response.body || null, {
          status: claim.response.status,
          // A replay is the stored response, request id included, so it matches the requestId its body names.
          headers: { "x-request-id": requestId, ...claim.response.headers, "idempotent-replayed": "true" },
        });
      }
      idempotencyId = claim.id;
    }

    const result = await handler({ req, db, principal, body, query, params: raw, requestId, ip: clientIp(req), idempotencyKey: idemKey });
    const reply = result instanceof Reply ? result : result instanceof Response ? null : Reply.ok(result);
    const response = reply ? reply.toResponse(requestId) : (result as Response);

    if (idempotencyId) {
      const stored = reply ? reply.serialize() : { status: response.status, body: "", headers: {} };
      await completeIdempotencyKey(db, idempotencyId, stored);
    }
    if (MUTATING.has(method) && options.audit !== false && response.status < 400) {
      const target = reply?.body as { id?: unknown } | undefined;
      // The object acted on: a created one (201), else the innermost id in the path (contactId, not its partner's id).
      const bodyId = typeof target?.id === "string" ? target.id : null;
      const pathIds = Object.values(raw);
      await recordAudit(
        db,
        principal,
        {
          action: options.audit ?? `${method} ${url.pathname}`,
          targetType: url.pathname.split("/")[3] ?? "api",
          // Admins act on other partners: file the row under the partner in the path.
          partnerId: url.pathname.startsWith("/api/v1/partners/") ? raw.id : undefined,
          targetId: (reply?.status === 201 ? bodyId : null) ?? pathIds[pathIds.length - 1] ?? bodyId,
          details: body && typeof body === "object" ? { fields: Object.keys(body as object) } : {},
        },
        { requestId, ip: clientIp(req) },
      );
    }
    return response;
  } catch (err) {
    seen.error = err;
    const response = errorToResponse(err, requestId);
    if (db && idempotencyId) {
      // 4xx outcomes are final and replayed; 5xx are released so the client can retry.
      if (response.status >= 500) await releaseIdempotencyKey(db, idempotencyId).catch(() => {});
      else
        await completeIdempotencyKey(db, idempotencyId, {
          status: response.status,
          body: await response.clone().text(),
          headers: {
            "content-type": response.headers.get("content-type") ?? "application/problem+json",
            "x-request-id": requestId,
          },
        }).catch(() => {});
    }
    return response;
  }
}

/** A present Idempotency-Key must be 1–255 printable ASCII characters: an empty one is a mistake, not "no key". */
function idempotencyKeyOf(req: Request): string | null {
  const key = req.headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x20-\x7e]{1,255}$/.test(key) || !key.trim()) {
    throw new DomainError("INVALID_REQUEST", "Idempotency-Key must be 1 to 255 printable ASCII characters, not all spaces", [
      { path: "Idempotency-Key", message: "1 to 255 printable ASCII characters, not all spaces" },
    ]);
  }
  return key;
}

function authorize(principal: Principal, options: RouteOptions<Schema | undefined, Schema | undefined, boolean>) {
  if (options.admin && !isAdmin(principal)) throw new Forbidden("Only platform admins can do this");
  const missing = missingScopes(principal.scopes, options.scopes ?? []);
  if (missing.length) {
    throw new DomainError("INSUFFICIENT_SCOPE", `This needs the scope ${missing.join(", ")}`, [
      { path: "scope", message: `missing ${missing.join(", ")}` },
    ]);
  }
}
