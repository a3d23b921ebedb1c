import type { Db } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { Unauthenticated } from "@/lib/errors";
import { principalForUser, sessionUserId } from "./session-principal";

export type AuthMethod = "session" | "api_key" | "oauth";

/**
 * A bearer resolver recognises its own credential format (cheap, no I/O) and
 * resolves it to a principal, or throws Unauthenticated with a specific code.
 * API keys and OAuth tokens register theirs here.
 */
export type BearerResolver = {
  method: Exclude<AuthMethod, "session">;
  matches: (token: string) => boolean;
  resolve: (db: Db, token: string) => Promise<Principal>;
};

const resolvers: BearerResolver[] = [];

export function registerBearerResolver(resolver: BearerResolver) {
  if (!resolvers.some((r) => r.method === resolver.method)) resolvers.push(resolver);
}

function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new Unauthenticated("The Authorization header must be `Bearer <credential>`", "INVALID_CREDENTIAL");
  return match[1];
}

/** Returns the caller, or null when the request carries no credential at all. */
export async function authenticate(db: Db, req: Request, allowed: AuthMethod[]): Promise<Principal | null> {
  const token = bearerToken(req);
  if (token) {
    const resolver = resolvers.find((r) => r.matches(token));
    if (!resolver || !allowed.includes(resolver.method)) {
      throw new Unauthenticated("The bearer credential is not valid here", "INVALID_CREDENTIAL");
    }
    return resolver.resolve(db, token);
  }
  if (!allowed.includes("session")) return null;
  const userId = await sessionUserId(req);
  if (!userId) return null;
  const principal = await principalForUser(db, userId);
  if (!principal) throw new Unauthenticated("Your session is no longer valid; sign in again", "INVALID_CREDENTIAL");
  return principal;
}
