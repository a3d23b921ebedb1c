import { config } from "@/lib/config";
import { MemoryRateLimitStore } from "./memory-store";
import { RedisRateLimitStore } from "./redis-store";
import type { RateLimitStore } from "./types";

// Held on globalThis because Next's dev server re-evaluates modules on every
// edit; a module-level variable would open a new Redis connection each time
// and split the memory buckets between old and new module copies.
const SLOT = Symbol.for("portico.ratelimit.store");
type Slot = { store: RateLimitStore; ownedByUs: boolean };
const holder = globalThis as typeof globalThis & { [SLOT]?: Slot };

export function getRateLimiter(): RateLimitStore {
  holder[SLOT] ??= { store: createFromConfig(), ownedByUs: true };
  return holder[SLOT].store;
}

/** Installs `store` for every later getRateLimiter(); `undefined` goes back to the configured store, built afresh. */
export function setRateLimiterForTests(store: RateLimitStore | undefined): void {
  const previous = holder[SLOT];
  // A store the test passed in is the test's to close; one we built is ours.
  if (previous?.ownedByUs) void previous.store.close?.();
  holder[SLOT] = store ? { store, ownedByUs: false } : undefined;
}

function createFromConfig(): RateLimitStore {
  const url = config().REDIS_URL;
  return url ? new RedisRateLimitStore({ url }) : new MemoryRateLimitStore();
}
