import { describe, expect, it } from "vitest";
import { rolesGranting, sessionScopes } from "./session-scopes";

describe("rolesGranting: the roles a no-access page names", () => {
  it("names exactly the roles whose session scopes cover the scope", () => {
    expect(rolesGranting("read:billing")).toEqual(["owner", "admin", "developer", "billing"]);
    expect(rolesGranting("read:applications")).toEqual(["owner", "admin", "developer"]);
    expect(rolesGranting("manage:partners")).toEqual(["owner", "admin"]);
  });

  it("agrees with sessionScopes for every role and a sample of scopes", () => {
    for (const scope of ["read:keys", "write:keys", "write:billing", "read:marketplace", "manage:webhooks"]) {
      const roles = rolesGranting(scope);
      for (const role of ["owner", "admin", "developer", "billing"] as const) {
        const scopes = sessionScopes({ isPlatformAdmin: false, partnerRole: role, accountId: null });
        const has = scopes.some((s) => s === scope || (s.endsWith(":*") && scope.startsWith(s.slice(0, -1))));
        expect(roles.includes(role), `${role} ${scope}`).toBe(has);
      }
    }
  });
});
