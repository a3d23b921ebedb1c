// What an admin types into the pricing form, read exactly: dollars become integer cents and
// percents become basis points by string arithmetic, never through a float (0.1 + 0.2 is not
// 0.3, and "19.99" × 100 is 1998.9999999999998). Anything finer than the unit stores is refused
// rather than rounded, so what is saved is what was typed.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The API's ceiling for an amount in cents (`lib/billing/schemas.ts`). */
export const MAX_CENTS = 1_000_000_000_000;
/** The API's ceiling for a count of calls. */
export const MAX_CALLS = 1_000_000_000_000;

const fail = (message: string): Parsed<never> => ({ ok: false, message });

export const isBlank = (text: string | undefined | null) => !text || text.trim() === "";

// Digits, optionally grouped by commas in threes ("1,234,567"), then an optional fraction.
const DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

/** Splits "1,234.5" into whole "1234" and fraction "5"; null when it is not a plain decimal. */
function splitDecimal(text: string): { whole: string; fraction: string } | null {
  const m = DECIMAL.exec(text);
  if (!m || (m[1] === undefined && !m[2])) return null; // "", "." and ".e" are not numbers
  return { whole: (m[1] ?? "0").replace(/,/g, ""), fraction: m[2] ?? "" };
}

/** "$1,234.50" → 123450; "0.1" → 10; "12.345" is refused (there is no tenth of a cent). */
export function parseDollars(text: string, max = MAX_CENTS): Parsed<number> {
  const t = text.trim().replace(/^\$\s*/, "");
  if (t === "") return fail("Required.");
  if (t.startsWith("-")) return fail("Enter an amount of 0 or more.");
  const d = splitDecimal(t);
  if (!d) return fail("Enter an amount in dollars, e.g. 12.50.");
  if (d.fraction.length > 2) return fail("Use at most 2 decimals: amounts are whole cents.");
  const cents = BigInt(d.whole) * 100n + BigInt(d.fraction.padEnd(2, "0"));
  if (cents > BigInt(max)) return fail(`Use ${formatDollarsPlain(max)} or less.`);
  return { ok: true, value: Number(cents) };
}

/** "2.5" or "2.5%" → 250 basis points; "2.555" is refused (a basis point is 0.01%). */
export function parsePercent(text: string): Parsed<number> {
  const t = text.trim().replace(/\s*%$/, "");
  if (t === "") return fail("Required.");
  if (t.startsWith("-")) return fail("Enter a percentage of 0 or more.");
  const d = splitDecimal(t);
  if (!d) return fail("Enter a percentage, e.g. 2.5.");
  if (d.fraction.length > 2) return fail("Use at most 2 decimals: rates are in steps of 0.01%.");
  const bps = BigInt(d.whole) * 100n + BigInt(d.fraction.padEnd(2, "0"));
  if (bps > 10_000n) return fail("Use 100% or less.");
  return { ok: true, value: Number(bps) };
}

/** "10,000" → 10000: a whole number of calls. */
export function parseCount(text: string, max = MAX_CALLS): Parsed<number> {
  const t = text.trim();
  if (t === "") return fail("Required.");
  if (t.startsWith("-")) return fail("Enter a number of 0 or more.");
  const d = splitDecimal(t);
  if (!d) return fail("Enter a whole number, e.g. 10000.");
  if (d.fraction.replace(/0+$/, "") !== "") return fail("Enter a whole number.");
  const n = BigInt(d.whole);
  if (n > BigInt(max)) return fail(`Use ${max.toLocaleString("en-US")} or less.`);
  return { ok: true, value: Number(n) };
}

/** 123450 → "1234.50": how an amount is put back into a field (no separators, re-parses exactly). */
export function centsToDollars(cents: number): string {
  const c = BigInt(cents);
  const sign = c < 0n ? "-" : "";
  const abs = c < 0n ? -c : c;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/**
 * 250 → "2.5", 825 → "8.25", 1000 → "10": how a rate is put back into a field (no "%", no
 * separators; parsePercent reads it back exactly). To show a rate, use format.ts's formatBps.
 */
export function bpsToPercent(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const rest = Math.abs(bps % 100);
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

function formatDollarsPlain(cents: number): string {
  const whole = BigInt(cents) / 100n;
  return `$${whole.toLocaleString("en-US")}`;
}
