// Slows down repeated failed sign-ins per email address, known or not, so the
// throttle itself never reveals whether an address is registered.
// Per process: with several instances an attacker gets N× the attempts, still bounded.

const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 300;
const WINDOW_MS = 15 * 60 * 1000;

type Entry = { failures: number; lockedUntil: number; lastFailure: number };
const entries = new Map<string, Entry>();

export function signinLockedFor(email: string, now = Date.now()): number {
  const e = entries.get(email.toLowerCase());
  if (!e) return 0;
  if (now - e.lastFailure > WINDOW_MS) {
    entries.delete(email.toLowerCase());
    return 0;
  }
  return Math.max(0, Math.ceil((e.lockedUntil - now) / 1000));
}

export function recordSigninFailure(email: string, now = Date.now()) {
  const key = email.toLowerCase();
  const e = entries.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
  if (now - e.lastFailure > WINDOW_MS) e.failures = 0;
  e.failures += 1;
  e.lastFailure = now;
  if (e.failures >= FREE_FAILURES) {
    e.lockedUntil = now + Math.min(2 ** (e.failures - FREE_FAILURES + 1), MAX_LOCK_SECONDS) * 1000;
  }
  entries.set(key, e);
  if (entries.size > 100_000) entries.delete(entries.keys().next().value as string);
}

export function recordSigninSuccess(email: string) {
  entries.delete(email.toLowerCase());
}
