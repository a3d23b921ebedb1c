import { describe, expect, it } from "vitest";
import { compareSemver, isSemver } from "./semver";

describe("semver", () => {
  it("accepts releases and pre-releases, refuses the rest", () => {
    for (const v of ["1.0.0", "0.1.0", "10.20.30", "1.0.0-beta.1", "2.0.0-rc-1"]) expect(isSemver(v), v).toBe(true);
    for (const v of ["1.0", "v1.0.0", "01.0.0", "1.0.0+build", "1.0.0-", "1.0.0-..", "", "1.0.0 "]) expect(isSemver(v), v).toBe(false);
  });

  it("orders by precedence (SemVer 2.0 §11)", () => {
    const ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"];
    for (let i = 1; i < ordered.length; i++) {
      expect(compareSemver(ordered[i - 1], ordered[i]), `${ordered[i - 1]} < ${ordered[i]}`).toBeLessThan(0);
      expect(compareSemver(ordered[i], ordered[i - 1])).toBeGreaterThan(0);
    }
    expect(compareSemver("1.2.3", "1.2.3")).toBe(0);
  });
});
