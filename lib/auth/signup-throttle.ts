import { attemptBuckets, spendAttempt, type AttemptRules } from "./attempt-buckets";

// Every sign-up attempt (not only failed ones) spends a token per email
// address and per client address, whatever the outcome, so the throttle says
// nothing about whether the address was registered already.
const HOUR = 60 * 60 * 1000;
export const SIGNUP_RULES: AttemptRules = {
  email: { limit: 3, periodMs: HOUR },
  ip: { limit: 10, periodMs: HOUR },
  unknownIp: { limit: 100, periodMs: HOUR },
};

export function takeSignupAttempt(email: string, ip: string | null, rules: AttemptRules = SIGNUP_RULES) {
  return spendAttempt(attemptBuckets("signup", rules, email, ip));
}
