import { divRound } from "../money";

// Projected billable calls for the months ahead, from the last closed months.
// Exact integer arithmetic: the projection is a ratio of sums, rounded once,
// so the same history always gives the same calls (and the same cents).

export type TrendBasis = "trend" | "latest" | "pace";

/**
 * Calls in the month `ahead` months after the last closed one (0 = the current
 * month). With two or more closed months (oldest first): the least-squares line
 * through them, extended; with one: that month again; with none: `paceCalls`
 * (this month's calls so far, scaled to the whole month). Never below zero.
 */
export function projectCalls(closed: number[], paceCalls: number, ahead: number): number {
  if (closed.length === 0) return Math.max(0, paceCalls);
  if (closed.length === 1) return Math.max(0, closed[0]);
  // x = 0..n-1 for the closed months; the target month is x = n + ahead.
  // ŷ(t) = [Sy·D + (n·Sxy − Sx·Sy)(n·t − Sx)] / (n·D), D = n·Sxx − Sx².
  const n = BigInt(closed.length);
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let sxy = 0n;
  closed.forEach((y, i) => {
    const x = BigInt(i);
    const yy = BigInt(y);
    sx += x;
    sy += yy;
    sxx += x * x;
    sxy += x * yy;
  });
  const d = n * sxx - sx * sx;
  const t = n + BigInt(ahead);
  const projected = divRound(sy * d + (n * sxy - sx * sy) * (n * t - sx), n * d);
  return projected < 0n ? 0 : Number(projected);
}

export function trendBasis(closedMonths: number): TrendBasis {
  return closedMonths >= 2 ? "trend" : closedMonths === 1 ? "latest" : "pace";
}

/** This month's calls so far, at the same rate for the whole month (`elapsedMs` since its start). */
export function paceForMonth(callsSoFar: number, elapsedMs: number, daysInMonth: number): number {
  // At least a day elapsed: a few minutes into the month would multiply noise.
  const elapsed = BigInt(Math.max(Math.round(elapsedMs), 86_400_000));
  return Number(divRound(BigInt(callsSoFar) * BigInt(daysInMonth) * 86_400_000n, elapsed));
}
