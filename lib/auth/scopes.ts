// Scopes are `read:<area>`, `write:<area>`, `manage:<area>` or `admin`; `<verb>:*` is a wildcard.
// manage implies write implies read; admin implies everything.

export const scopeAreas = [
  "partners",
  "applications",
  "keys",
  "webhooks",
  "events",
  "marketplace",
  "billing",
  "support",
  "leads",
  "policies",
  "claims",
  "users",
] as const;
export type ScopeArea = (typeof scopeAreas)[number];

export const scopeVerbs = ["read", "write", "manage"] as const;
const verbRank: Record<string, number> = { read: 1, write: 2, manage: 3 };

export const allScopes: string[] = [
  ...scopeVerbs.flatMap((v) => scopeAreas.map((a) => `${v}:${a}`)),
  ...scopeVerbs.map((v) => `${v}:*`),
  "admin",
];

const scopePattern = new RegExp(`^(admin|(read|write|manage):(\\*|${scopeAreas.join("|")}))$`);

export function isValidScope(scope: string): boolean {
  return scopePattern.test(scope);
}

/** True when the granted scopes cover the required one. */
export function hasScope(granted: readonly string[], required: string): boolean {
  if (granted.includes("admin")) return true;
  if (required === "admin") return false;
  const [needVerb, needArea] = required.split(":");
  return granted.some((g) => {
    const [verb, area] = g.split(":");
    if (!verb || !area) return false;
    return (area === "*" || area === needArea) && (verbRank[verb] ?? 0) >= (verbRank[needVerb] ?? 99);
  });
}

export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  return required.filter((r) => !hasScope(granted, r));
}
