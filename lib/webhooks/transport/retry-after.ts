// A receiver that is overloaded (429/503) may say when to come back. The
// value is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).

/** Seconds to wait, or null when the header is absent or malformed. Past dates give 0. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v);
  // Only date-looking values: Date.parse would also accept "1.5" or "-3".
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
