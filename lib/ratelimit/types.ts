export type RateLimitResult = {
  allowed: boolean;
  limit: number; // bucket capacity = requests per period (a minute unless `periodMs` says otherwise)
  remaining: number; // whole tokens left after this request (>= 0)
  resetSeconds: number; // seconds until the bucket is full again (integer, ceil, >= 0)
  retryAfterSeconds: number; // 0 when allowed; else seconds until one token is available (integer, ceil, >= 1)
};

export interface RateLimitStore {
  /**
   * Takes `cost` tokens (default 1) from the bucket `key` of capacity `limitPerMinute`, refilled continuously at limitPerMinute/60 per second.
   *
   * `limitPerMinute` must be a whole number >= 1 and `cost` a whole number from 0 (a peek that consumes
   * nothing) up to `limitPerMinute`; anything else throws a RangeError, because a request costing more
   * than a full bucket could never be allowed and a 429 would send the client into endless retries.
   *
   * `opts.periodMs` (default 60 000) stretches the refill: the bucket then holds `limitPerMinute` tokens
   * and refills from empty to full in that period (e.g. 10 failed sign-ins per hour). A bucket is named
   * by its key and its period together.
   */
  take(key: string, limitPerMinute: number, cost?: number, opts?: TakeOptions): Promise<RateLimitResult>;
  close?(): Promise<void>;
}

export type TakeOptions = { periodMs?: number };
