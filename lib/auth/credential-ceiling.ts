import { DomainError } from "@/lib/errors";
import type { Principal } from "./principal";
import { missingScopes } from "./scopes";

// One rule for every operation that yields or re-keys a credential (creating or
// rotating an API key, creating, widening or rotating an OAuth client, revealing,
// rotating or re-pointing a signing secret): the caller must hold every scope the
// credential carries. Otherwise a narrow credential could mint a broader one.

export class ScopeCeilingExceeded extends DomainError {
  constructor(what: string, beyond: string[], field = "scopes") {
    super("SCOPE_CEILING", `${what} carries scopes you do not hold: ${beyond.join(", ")}`, [
      { path: field, message: `beyond the caller's scopes: ${beyond.join(", ")}` },
    ]);
  }
}

/** Throws SCOPE_CEILING (403) unless the principal holds every scope in `carried`. */
export function requireWithinCeiling(principal: Principal, carried: readonly string[], what: string, field?: string): void {
  const beyond = missingScopes(principal.scopes, carried);
  if (beyond.length) throw new ScopeCeilingExceeded(what, beyond, field);
}
