import { describe, expect, it } from "vitest";
import { hasScope, isValidScope, missingScopes } from "./scopes";

describe("scopes", () => {
  it("lets manage imply write and read, but not the other way round", () => {
    expect(hasScope(["manage:keys"], "read:keys")).toBe(true);
    expect(hasScope(["manage:keys"], "write:keys")).toBe(true);
    expect(hasScope(["read:keys"], "write:keys")).toBe(false);
    expect(hasScope(["write:keys"], "manage:keys")).toBe(false);
  });
  it("never lets one area stand for another", () => {
    expect(hasScope(["manage:keys"], "read:webhooks")).toBe(false);
  });
  it("treats <verb>:* as every area at that level", () => {
    expect(hasScope(["read:*"], "read:billing")).toBe(true);
    expect(hasScope(["read:*"], "write:billing")).toBe(false);
  });
  it("grants admin only to admin", () => {
    expect(hasScope(["manage:*"], "admin")).toBe(false);
    expect(hasScope(["admin"], "manage:billing")).toBe(true);
  });
  it("names what is missing", () => {
    expect(missingScopes(["read:partners"], ["read:partners", "write:partners"])).toEqual(["write:partners"]);
  });
  it("validates scope strings", () => {
    expect(isValidScope("read:leads")).toBe(true);
    expect(isValidScope("read:everything")).toBe(false);
    expect(isValidScope("admin")).toBe(true);
  });
});
