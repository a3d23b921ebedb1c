// When Redis errors, times out or is unreachable, this store FAILS OPEN TO
// LOCAL LIMITS: it answers from `fallback` (by default an in-process memory
// store), so every app instance keeps enforcing each key's limit on its own.
// Partners' API availability matters more than an exact global limit: refusing
// every call would turn a cache outage into a platform outage, and letting
// every call through would remove the protection when it may be needed most.
// With N instances a key can get up to N× its limit during the outage, which
// is still bounded. Redis is used again as soon as it answers.
import { Redis } from "ioredis";
import { REDIS_TAKE_SCRIPT } from "./redis-take-script";
import { MemoryRateLimitStore } from "./memory-store";
import { ThrottledLog } from "./throttled-log";
import { assertValidTake, describe, FULL_REFILL_MS } from "./token-bucket";
import type { RateLimitResult, RateLimitStore, TakeOptions } from "./types";

const DEFAULT_PREFIX = "portico:rl:";
const DEFAULT_TIMEOUT_MS = 100;
const WARN_INTERVAL_MS = 30_000;
// After a failed command, calls skip Redis for this long, so a Redis that hangs
// (rather than refusing connections) costs one timeout a second, not one per request.
const SKIP_REDIS_AFTER_FAILURE_MS = 1_000;
// Reconnect attempts back off to this, which bounds how long after Redis
// returns an instance keeps limiting locally.
const MAX_RECONNECT_DELAY_MS = 1_000;
const CONNECT_TIMEOUT_MS = 1_000;

type TakeReply = [allowed: number, scaledTokens: number];
type RedisWithTake = Redis & {
  rateLimitTake(key: string, capacity: number, cost: number, periodMs: number): Promise<TakeReply>;
};

export class RedisRateLimitStore implements RateLimitStore {
  private readonly client: RedisWithTake;
  private readonly prefix: string;
  private readonly fallback: RateLimitStore;
  private readonly timeoutMs: number;
  private readonly warning = new ThrottledLog(WARN_INTERVAL_MS, (m) => console.warn(m));
  private firstConnect: Promise<void> | undefined;
  private skipRedisUntil = 0;
  private degraded = false;
  private closed = false;

  constructor(opts: { url: string; prefix?: string; fallback?: RateLimitStore; timeoutMs?: number }) {
    this.prefix = opts.prefix ?? DEFAULT_PREFIX;
    this.fallback = opts.fallback ?? new MemoryRateLimitStore();
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.client = new Redis(opts.url, {
      // Nothing may queue up behind a dead Redis: a command either goes out on
      // a ready connection or fails at once, and the fallback answers.
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.timeoutMs,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, MAX_RECONNECT_DELAY_MS),
    }) as RedisWithTake;
    // defineCommand sends EVALSHA and falls back to EVAL when the script is not cached.
    this.client.defineCommand("rateLimitTake", { numberOfKeys: 1, lua: REDIS_TAKE_SCRIPT });
    // Without a listener ioredis re-throws connection errors and kills the process.
    this.client.on("error", (err: Error) => this.noteFailure(err.message));
  }

  async take(key: string, limitPerMinute: number, cost = 1, opts: TakeOptions = {}): Promise<RateLimitResult> {
    const periodMs = opts.periodMs ?? FULL_REFILL_MS;
    // A bad argument is a caller bug; it must throw, not vanish into the fallback.
    assertValidTake(limitPerMinute, cost, periodMs);
    if (await this.redisUsable()) {
      try {
        // A bucket is its key and its period (as in the memory store); one-minute buckets keep their plain key.
        const redisKey = periodMs === FULL_REFILL_MS ? this.prefix + key : `${this.prefix}${key}@${periodMs}`;
        const [allowed, scaledTokens] = await this.client.rateLimitTake(redisKey, limitPerMinute, cost, periodMs);
        this.noteSuccess();
        return describe(Number(scaledTokens), allowed === 1, limitPerMinute, cost, periodMs);
      } catch (err) {
        this.skipRedisUntil = Date.now() + SKIP_REDIS_AFTER_FAILURE_MS;
        this.noteFailure(err instanceof Error ? err.message : String(err));
      }
    } else {
      this.noteFailure(`connection ${this.client.status}`);
    }
    return this.fallback.take(key, limitPerMinute, cost, opts);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.client.status === "ready") {
      try {
        await this.client.quit();
        return;
      } catch {
        // fall through: a connection that cannot quit cleanly is dropped
      }
    }
    this.client.disconnect();
  }

  private async redisUsable(): Promise<boolean> {
    if (this.closed) return false;
    if (this.client.status === "wait") {
      const connecting = this.client.connect().catch(() => undefined);
      this.firstConnect = connecting.finally(() => {
        this.firstConnect = undefined;
      });
    }
    // Only the very first connection is worth a short wait, so the first
    // requests after start-up are counted globally; during an outage the
    // client reconnects in the background and calls go local at once.
    if (this.firstConnect && this.client.status !== "ready") await within(this.firstConnect, this.timeoutMs);
    return this.client.status === "ready" && Date.now() >= this.skipRedisUntil;
  }

  private noteFailure(reason: string): void {
    if (this.closed) return;
    this.degraded = true;
    this.warning.log(`[ratelimit] Redis unavailable (${reason}); enforcing rate limits per instance until it returns`);
  }

  private noteSuccess(): void {
    if (!this.degraded) return;
    this.degraded = false;
    console.info("[ratelimit] Redis is back; rate limits are shared across instances again");
  }
}

function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
