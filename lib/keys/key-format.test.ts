import { describe, expect, it } from "vitest";
import { crc32, displayParts, generateKey, hashKey, isWellFormedKey, KEY_PREFIX } from "./key-format";

describe("API key format", () => {
  it("looks like prt_live_<base62> and passes its own checksum", () => {
    const key = generateKey();
    expect(key).toMatch(/^prt_live_[0-9A-Za-z]{49}$/);
    expect(isWellFormedKey(key)).toBe(true);
  });

  it("carries at least 160 bits of randomness", () => {
    const body = generateKey().slice(KEY_PREFIX.length, -6);
    expect(body.length * Math.log2(62)).toBeGreaterThanOrEqual(160);
    const keys = new Set(Array.from({ length: 2000 }, generateKey));
    expect(keys.size).toBe(2000);
  });

  it("rejects any single-character typo through the checksum", () => {
    const key = generateKey();
    for (let i = KEY_PREFIX.length; i < key.length; i++) {
      const c = key[i] === "a" ? "b" : "a";
      const typo = key.slice(0, i) + c + key.slice(i + 1);
      expect(isWellFormedKey(typo), `typo at ${i}`).toBe(false);
    }
  });

  it("rejects swapped neighbours, truncation, other prefixes and junk", () => {
    const key = generateKey();
    const i = KEY_PREFIX.length + 5;
    const swapped = key[i] === key[i + 1] ? null : key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
    if (swapped) expect(isWellFormedKey(swapped)).toBe(false);
    expect(isWellFormedKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedKey(key.replace("prt_live_", "prt_test_"))).toBe(false);
    expect(isWellFormedKey("prt_live_")).toBe(false);
    expect(isWellFormedKey("")).toBe(false);
  });

  it("computes the standard CRC-32", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });

  it("hashes with SHA-256 and shows only prefix and last four", () => {
    const key = generateKey();
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    const { prefix, last4 } = displayParts(key);
    expect(prefix).toBe(key.slice(0, 13));
    expect(last4).toBe(key.slice(-4));
  });
});
