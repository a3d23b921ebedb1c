import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

// scrypt at N=2^17 takes a moment per call: hash once, tamper with copies.
const PASSWORD = "correct horse battery staple";
const stored = hashPassword(PASSWORD);

function tamper(hash: string, index: number, value: string) {
  const parts = hash.split("$");
  parts[index] = value;
  return parts.join("$");
}

const flipFirstChar = (b64: string) => (b64[0] === "A" ? "B" : "A") + b64.slice(1);

describe("password hashing", () => {
  it("stores scrypt parameters, salt and hash, never the password", async () => {
    const h = await stored;
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(h).not.toContain(PASSWORD);
  });

  it("salts every hash, so the same password hashes differently", async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(await stored);
    expect(await verifyPassword(PASSWORD, again)).toBe(true);
  });

  it("verifies the right password", async () => {
    expect(await verifyPassword(PASSWORD, await stored)).toBe(true);
  });

  it.each([
    ["a wrong password", "correct horse battery stapler"],
    ["an empty password", ""],
    ["a differently cased password", PASSWORD.toUpperCase()],
  ])("rejects %s", async (_label, attempt) => {
    expect(await verifyPassword(attempt, await stored)).toBe(false);
  });

  it.each([
    ["a changed hash", (h: string) => tamper(h, 5, flipFirstChar(h.split("$")[5]))],
    ["a changed salt", (h: string) => tamper(h, 4, flipFirstChar(h.split("$")[4]))],
    ["an emptied hash", (h: string) => tamper(h, 5, "")],
    ["a hash that decodes to nothing", (h: string) => tamper(h, 5, "!!!")],
    ["a truncated hash", (h: string) => tamper(h, 5, h.split("$")[5].slice(0, 4))],
    ["a lowered cost", (h: string) => tamper(h, 1, "1024")],
    ["a cost that is not a number", (h: string) => tamper(h, 1, "abc")],
    ["a cost that is not a power of two", (h: string) => tamper(h, 1, "3")],
    ["a cost over the memory cap", (h: string) => tamper(h, 1, String(2 ** 30))],
    ["another algorithm", (h: string) => tamper(h, 0, "bcrypt")],
    ["missing parts", () => "scrypt$131072$8$1"],
    ["the fixtures' placeholder", () => "scrypt$invalid"],
    ["an empty string", () => ""],
  ])("answers false, never throws, for %s", async (_label, change) => {
    const h = change(await stored);
    await expect(verifyPassword(PASSWORD, h)).resolves.toBe(false);
  });
});
