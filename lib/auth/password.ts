import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// OWASP's scrypt floor: N=2^17, r=8, p=1. Stored as scrypt$N$r$p$salt$hash so parameters can rise later.
const N = 1 << 17;
const r = 8;
const p = 1;
const KEYLEN = 32;
const maxmem = 256 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, { N, r, p, maxmem });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, rr, pp, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  // A hash that decodes to (almost) nothing would compare equal to any password's empty derivation.
  if (expected.length < 16) return false;
  let actual: Buffer;
  try {
    actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(rr), p: Number(pp), maxmem });
  } catch {
    return false; // unusable parameters (not a power of two, over the memory cap): not a match
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A real hash of nothing, verified against when the email is unknown so timing doesn't reveal it. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
}
