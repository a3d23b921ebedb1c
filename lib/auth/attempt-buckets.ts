import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { config } from "@/lib/config";
import { processState } from "@/lib/process-state";
import { getRateLimiter } from "@/lib/ratelimit/rate-limiter";

// The buckets behind the sign-in and sign-up throttles: token buckets in the
// shared rate-limit store (memory, or Redis with REDIS_URL, so every instance
// counts against the same buckets), one per email address and one per client
// address. Buckets are keyed by what the caller typed, never by what the
// database holds, so a registered and an unregistered email are throttled
// identically and the throttle reveals nothing about which is which.

export type BucketRule = { limit: number; periodMs: number };
export type Bucket = BucketRule & { key: string };
export type AttemptRules = { email: BucketRule; ip: BucketRule; unknownIp: BucketRule };

/** Bucket names carry no personal data: an email is hashed, and so is nothing else (an address is not a secret). */
export function emailBucketId(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/**
 * One bucket per IPv4 address; per /64 for IPv6, since one subscriber usually
 * holds a whole /64 and could otherwise take a fresh address per attempt.
 */
export function ipBucketId(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups; it only affects the last 64 bits.
  const groups = (ip.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left).map((g) =>
    g.replace(/^0+(?=.)/, ""),
  );
  return groups;
}

/** The email's bucket and the client's: an unknown client (no trusted proxy header) shares one bucket with every other unknown client. */
export function attemptBuckets(area: string, rules: AttemptRules, email: string, ip: string | null): Bucket[] {
  if (ip === null) warnUnknownClientOnce();
  return [
    { key: `auth:${area}:email:${emailBucketId(email)}`, ...rules.email },
    ip === null ? { key: `auth:${area}:ip:unknown`, ...rules.unknownIp } : { key: `auth:${area}:ip:${ipBucketId(ip)}`, ...rules.ip },
  ];
}

const warned = processState("authUnknownClientWarned", () => ({ done: false }));
function warnUnknownClientOnce() {
  if (warned.done || !config().production) return;
  warned.done = true;
  console.warn(
    "[auth] a client address is unknown (no socket address from the HTTP server hook, no trusted X-Forwarded-For): " +
      "sign-in and sign-up throttles count such callers in one shared bucket.",
  );
}

// Attempts under way in this process, per bucket. A check admits an attempt
// only while the bucket holds a token for it and for every attempt already in
// flight, so a burst of parallel guesses cannot all pass the check before the
// first failure is counted. Across N instances the overshoot is at most N
// attempts' worth per bucket.
const inFlight = processState("authAttemptsInFlight", () => new Map<string, number>());

function enter(keys: string[]) {
  for (const k of keys) inFlight.set(k, (inFlight.get(k) ?? 0) + 1);
}

function leave(keys: string[]) {
  for (const k of keys) {
    const n = (inFlight.get(k) ?? 1) - 1;
    if (n > 0) inFlight.set(k, n);
    else inFlight.delete(k);
  }
}

export type Admission = { allowed: true; fail(): Promise<void>; finish(): void } | { allowed: false; retryAfterSeconds: number };

/**
 * Failure counting (sign-in): admits the attempt when every bucket has a token
 * to spare; `fail()` then spends one from each, `finish()` (or `fail()`) ends
 * the attempt. Successes cost nothing, so a busy office behind one address
 * signs in freely while guessing from it is slowed.
 */
export async function admitAttempt(buckets: Bucket[]): Promise<Admission> {
  const keys = buckets.map((b) => b.key);
  enter(keys);
  let ended = false;
  const finish = () => {
    if (!ended) leave(keys);
    ended = true;
  };
  try {
    const store = getRateLimiter();
    const peeks = await Promise.all(buckets.map((b) => store.take(b.key, b.limit, 0, { periodMs: b.periodMs })));
    const short = buckets.filter((b, i) => peeks[i].remaining < (inFlight.get(b.key) ?? 1));
    if (short.length) {
      finish();
      return { allowed: false, retryAfterSeconds: Math.max(...short.map(secondsPerToken)) };
    }
  } catch (err) {
    finish();
    throw err;
  }
  return {
    allowed: true,
    finish,
    fail: async () => {
      try {
        const store = getRateLimiter();
        await Promise.all(buckets.map((b) => store.take(b.key, b.limit, 1, { periodMs: b.periodMs })));
      } finally {
        finish();
      }
    },
  };
}

/** Attempt counting (sign-up): every attempt spends a token from each bucket, atomically; refused when any is empty. */
export async function spendAttempt(buckets: Bucket[]): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const store = getRateLimiter();
  const results = await Promise.all(buckets.map((b) => store.take(b.key, b.limit, 1, { periodMs: b.periodMs })));
  const refused = results.filter((r) => !r.allowed);
  return { allowed: !refused.length, retryAfterSeconds: refused.length ? Math.max(...refused.map((r) => r.retryAfterSeconds)) : 0 };
}

function secondsPerToken(b: BucketRule): number {
  return Math.max(1, Math.ceil(b.periodMs / b.limit / 1000));
}
