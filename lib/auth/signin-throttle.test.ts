import { describe, expect, it } from "vitest";
import { recordSigninFailure, recordSigninSuccess, signinLockedFor } from "./signin-throttle";

describe("sign-in throttle", () => {
  it("allows four failures, then locks for growing periods", () => {
    const email = `a-${Math.random()}@x.test`;
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) recordSigninFailure(email, t0);
    expect(signinLockedFor(email, t0)).toBe(0);
    recordSigninFailure(email, t0);
    expect(signinLockedFor(email, t0)).toBe(2);
    recordSigninFailure(email, t0);
    expect(signinLockedFor(email, t0)).toBe(4);
    expect(signinLockedFor(email, t0 + 4_000)).toBe(0);
  });

  it("treats unknown and known emails alike and forgets on success", () => {
    const email = `b-${Math.random()}@x.test`;
    for (let i = 0; i < 6; i++) recordSigninFailure(email, 0);
    expect(signinLockedFor(email.toUpperCase(), 0)).toBeGreaterThan(0);
    recordSigninSuccess(email);
    expect(signinLockedFor(email, 0)).toBe(0);
  });

  it("never locks longer than five minutes", () => {
    const email = `c-${Math.random()}@x.test`;
    for (let i = 0; i < 40; i++) recordSigninFailure(email, 0);
    expect(signinLockedFor(email, 0)).toBe(300);
  });
});
