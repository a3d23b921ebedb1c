import { z } from "zod";

// Billing periods are calendar months in UTC, written "YYYY-MM".

export type Period = string;

// Months from 2000 on: nothing was billed before, and JavaScript dates read years below 100 as 19xx.
export const PeriodSchema = () =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month YYYY-MM" })
    .refine((p) => p >= "2000-01", { message: "must be a month from 2000-01 on", when: (x) => !x.issues.length });

/** A period a run may bill: up to the current month (a month that has not begun has nothing to bill). */
export const RunPeriodSchema = () =>
  PeriodSchema().refine((p) => p <= periodOf(new Date()), { message: "must not be after the current month", when: (x) => !x.issues.length });

const DAY_MS = 86_400_000;

export type PeriodBounds = {
  period: Period;
  /** 00:00 UTC on the 1st. */
  start: Date;
  /** 00:00 UTC on the 1st of the next month (exclusive). */
  end: Date;
  /** First and last day as YYYY-MM-DD (inclusive). */
  firstDay: string;
  lastDay: string;
  days: number;
};

export function periodBounds(period: Period): PeriodBounds {
  const [y, m] = period.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 1, 1));
  const end = new Date(Date.UTC(y, m, 1));
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  return { period, start, end, firstDay: isoDay(start), lastDay: isoDay(new Date(end.getTime() - DAY_MS)), days };
}

export function periodOf(at: Date): Period {
  return `${String(at.getUTCFullYear()).padStart(4, "0")}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The period `n` months after (negative: before) `period`. */
export function addMonths(period: Period, n: number): Period {
  const [y, m] = period.split("-").map(Number);
  return periodOf(new Date(Date.UTC(y, m - 1 + n, 1)));
}

/** Months from `a` to `b` (b − a). */
export function monthsBetween(a: Period, b: Period): number {
  const [ay, am] = a.split("-").map(Number);
  const [by, bm] = b.split("-").map(Number);
  return (by - ay) * 12 + (bm - am);
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The UTC midnight starting the day `at` falls in. */
export function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** Whole days from `from` to `to` (both UTC midnights). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}
