/**
 * When the next attempt is due after `attemptsMade` failed attempts, or null when
 * none is left. delays[i] is the wait before attempt i+1 (the first is usually 0);
 * a receiver's Retry-After (on 429/503) can only push it later.
 */
export function nextAttemptDelaySeconds(
  attemptsMade: number,
  opts: { delays: number[]; maxAttempts: number; retryAfterSeconds?: number | null },
): number | null {
  if (attemptsMade >= opts.maxAttempts) return null;
  const planned = opts.delays[Math.min(attemptsMade, opts.delays.length - 1)] ?? 0;
  return Math.max(planned, opts.retryAfterSeconds ?? 0);
}
