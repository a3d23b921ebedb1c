"use client";

import { useSyncExternalStore } from "react";
import { clockNow, subscribeClock } from "./clock";
import { Tooltip } from "./tooltip";

// One way to show a moment everywhere: "3 min ago" / "in 2 days" for recent and
// near times, "Dec 6, 2026" for others, the exact UTC time in a tooltip and in
// the <time> element's dateTime.

const exact = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
const dayOfMonth = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];

export function formatRelative(date: Date, now = new Date()): string {
  let delta = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(delta) < 10) return "just now";
  for (const [unit, size] of UNITS) {
    // Compare what would be shown: 59.8 minutes reads "1 hour", not "60 minutes".
    if (Math.round(Math.abs(delta)) < size) return relative.format(Math.round(delta), unit);
    delta /= size;
  }
  return dateOnly.format(date);
}

/** "Dec 6": a UTC day where a moment does not fit (a chart's axis, a date range). */
export function formatDay(date: Date): string {
  return dayOfMonth.format(date);
}

export function formatExact(date: Date): string {
  return `${exact.format(date)} UTC`;
}

/**
 * The shared clock may be up to a tick behind: a moment that has already happened (a row created
 * just now) must not read "in 12 seconds", so for past moments "now" is at least the moment itself.
 */
function sharedNowFor(date: Date, now: Date): Date {
  const t = date.getTime();
  return t > now.getTime() && t <= Date.now() ? date : now;
}

export function Time({
  value,
  fallback = "—",
  focusable = true,
}: {
  value: string | Date | null | undefined;
  fallback?: string;
  /** False inside another control (a <summary>): no tab stop, the exact time as a title instead of a tooltip. */
  focusable?: boolean;
}) {
  // Relative text depends on "now": null on the server and while hydrating, so both agree.
  const nowMs = useSyncExternalStore(subscribeClock, clockNow, () => null);
  const now = nowMs === null ? null : new Date(nowMs);
  if (!value) return <span className="text-slate-600">{fallback}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return <span>{String(value)}</span>;
  const text = now ? formatRelative(date, sharedNowFor(date, now)) : dateOnly.format(date);
  if (!focusable) {
    return (
      <time dateTime={date.toISOString()} title={formatExact(date)} className="whitespace-nowrap">
        {text}
      </time>
    );
  }
  return (
    <Tooltip content={formatExact(date)}>
      <time dateTime={date.toISOString()} tabIndex={0} className="whitespace-nowrap underline decoration-dotted decoration-slate-400 underline-offset-2">
        {text}
      </time>
    </Tooltip>
  );
}
