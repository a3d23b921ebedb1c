// Money is integer cents. Every amount is computed exactly (bigint numerator
// over a denominator) and rounded once, half away from zero, where it becomes
// a line: the contract's rule, and what Lago's exact-cent scenarios check.

/** numerator ÷ denominator rounded to an integer, half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  if (denominator < 0n) return divRound(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** divRound for amounts that fit a JavaScript number (cents of any real invoice do). */
export function roundCents(numerator: bigint, denominator: bigint): number {
  const v = divRound(numerator, denominator);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError("amount out of range");
  return Number(v);
}

/** basis points of an amount, rounded: `amount × bps ÷ 10000`. */
export function bpsOf(amountCents: number, bps: number): number {
  return roundCents(BigInt(amountCents) * BigInt(bps), 10_000n);
}

/** "$1,234.56" (or "-$0.05"); the currency's symbol when Intl knows it. */
export function formatCents(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}
