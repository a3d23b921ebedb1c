import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// prt_live_<body><checksum>: body = 32 random bytes in base62 (~190 bits of
// entropy after fixed-length encoding: at least 43 chars of 62 symbols), checksum = 6
// base62 chars of CRC32 over prefix+body. A typo fails the checksum without a
// database lookup; the fixed prefix lets secret scanners match leaked keys.

export const KEY_PREFIX = "prt_live_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LENGTH = 43; // ceil(256 / log2(62))
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);

function toBase62(bytes: Buffer, length: number): string {
  let n = BigInt(`0x${bytes.toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(length, "0").slice(-length);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(prefixAndBody: string): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc32(prefixAndBody));
  return toBase62(b, CHECKSUM_LENGTH);
}

export function generateKey(): string {
  const body = toBase62(randomBytes(32), BODY_LENGTH);
  return `${KEY_PREFIX}${body}${checksum(KEY_PREFIX + body)}`;
}

/** Shape and checksum only: no I/O. */
export function isWellFormedKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const body = key.slice(KEY_PREFIX.length, KEY_PREFIX.length + BODY_LENGTH);
  const expected = Buffer.from(checksum(KEY_PREFIX + body));
  const actual = Buffer.from(key.slice(-CHECKSUM_LENGTH));
  return timingSafeEqual(expected, actual);
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What people see to recognise a key: its prefix plus four body characters, and its last four. */
export function displayParts(key: string) {
  return { prefix: key.slice(0, KEY_PREFIX.length + 4), last4: key.slice(-4) };
}
