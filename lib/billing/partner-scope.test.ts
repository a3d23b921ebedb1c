import { describe, expect, it } from "vitest";
import { adminPrincipal, partnerPrincipal } from "./invoices/test-fixtures";
import { scopedPartnerId } from "./partner-scope";

const mine = "11111111-1111-4111-8111-111111111111";
const theirs = "22222222-2222-4222-8222-222222222222";

describe("scopedPartnerId", () => {
  it("gives an admin the partner named, or every partner", () => {
    expect(scopedPartnerId(adminPrincipal(), theirs)).toBe(theirs);
    expect(scopedPartnerId(adminPrincipal())).toBeUndefined();
  });

  it("gives a partner its own id, named or not; another partner's id is the 404 of an unknown partner", () => {
    expect(scopedPartnerId(partnerPrincipal(mine))).toBe(mine);
    expect(scopedPartnerId(partnerPrincipal(mine), mine)).toBe(mine);
    expect(() => scopedPartnerId(partnerPrincipal(mine), theirs)).toThrow(expect.objectContaining({ status: 404, code: "NOT_FOUND" }));
    expect(() => scopedPartnerId(partnerPrincipal(mine), "")).toThrow(expect.objectContaining({ status: 404 }));
  });

  it("refuses a caller that is neither (403)", () => {
    const nobody = { ...partnerPrincipal(mine), partnerId: null };
    expect(() => scopedPartnerId(nobody)).toThrow(expect.objectContaining({ status: 403, code: "FORBIDDEN" }));
    expect(() => scopedPartnerId(nobody, theirs)).toThrow(expect.objectContaining({ status: 403 }));
  });
});
