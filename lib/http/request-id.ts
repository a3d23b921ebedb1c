import { randomFillSync } from "node:crypto";

// Every request gets an id; one getrandom call per 4 KB of ids rather than
// per request (the way crypto.randomUUID pools its entropy).
const ID_BYTES = 12;
const pool = Buffer.alloc(ID_BYTES * 341);
let offset = pool.length;

export function newRequestId(): string {
  if (offset + ID_BYTES > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString("base64url", offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `req_${id}`;
}
