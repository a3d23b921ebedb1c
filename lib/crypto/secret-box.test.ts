import { describe, expect, it } from "vitest";
import { isSealed, seal, unseal } from "./secret-box";

describe("secret box", () => {
  it("round-trips and never shows the plaintext", () => {
    const s = seal("whsec_top-secret");
    expect(isSealed(s)).toBe(true);
    expect(s).not.toContain("top-secret");
    expect(unseal(s)).toBe("whsec_top-secret");
    expect(seal("x")).not.toBe(seal("x"));
  });
  it("refuses a tampered value", () => {
    const s = seal("hello");
    const raw = Buffer.from(s.slice("sealed:v1:".length), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => unseal(`sealed:v1:${raw.toString("base64")}`)).toThrow();
  });
});
