import { partnerRoles, type PartnerRole } from "@/lib/partners/schemas";
import { hasScope } from "./scopes";

// What a signed-in portal user may do through /api/v1, derived from their role.
const partnerRoleScopes: Record<PartnerRole, string[]> = {
  owner: ["read:*", "write:*", "manage:*"],
  admin: ["read:*", "write:*", "manage:*"],
  developer: [
    "read:*",
    "write:applications",
    "write:keys",
    "write:webhooks",
    "write:marketplace",
    "write:support",
  ],
  billing: ["read:partners", "read:billing", "write:billing", "read:support", "write:support"],
};

const customerScopes = ["read:marketplace", "write:marketplace", "read:support", "write:support"];

export function sessionScopes(input: {
  isPlatformAdmin: boolean;
  partnerRole: PartnerRole | null;
  accountId: string | null;
}): string[] {
  if (input.isPlatformAdmin) return ["admin"];
  const scopes = new Set<string>();
  if (input.partnerRole) partnerRoleScopes[input.partnerRole].forEach((s) => scopes.add(s));
  if (input.accountId) customerScopes.forEach((s) => scopes.add(s));
  return [...scopes];
}

/** The partner roles whose members hold `scope`: what a "You need the … role" page names. */
export function rolesGranting(scope: string): PartnerRole[] {
  return partnerRoles.filter((role) => hasScope(partnerRoleScopes[role], scope));
}
