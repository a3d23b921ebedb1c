import { admitAttempt, attemptBuckets, type Admission, type AttemptRules } from "./attempt-buckets";

// Failed sign-ins are throttled per email address (known or not, so the
// throttle never tells which) and per client address, in the shared rate-limit
// store: with REDIS_URL every instance counts against the same buckets.
//
// - per email: 10 failures, then one more every 6 minutes (≤ 240 guesses a day
//   at any one account, from however many addresses);
// - per client address (an IPv6 /64): 50 failures, then one every 72 s, which
//   slows spraying one password over many emails;
// - callers whose address is unknown (a handler called without the HTTP server
//   hook, see lib/http/client-ip.ts) share one bucket of 500.
// Successful sign-ins cost nothing. A locked email also refuses the right
// password until a token is back: otherwise the lock would confirm a guess.
const HOUR = 60 * 60 * 1000;
export const SIGNIN_RULES: AttemptRules = {
  email: { limit: 10, periodMs: HOUR },
  ip: { limit: 50, periodMs: HOUR },
  unknownIp: { limit: 500, periodMs: HOUR },
};

export type SigninAttempt = Admission;

/** Call before checking a password; on `allowed`, call `fail()` after a failed check or `finish()` otherwise. */
export function startSigninAttempt(email: string, ip: string | null, rules: AttemptRules = SIGNIN_RULES): Promise<SigninAttempt> {
  return admitAttempt(attemptBuckets("signin", rules, email, ip));
}
