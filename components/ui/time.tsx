"use client";

import { useEffect, useState } from "react";
import { Tooltip } from "./tooltip";

// One way to show a moment everywhere: "3 min ago" / "in 2 days" for recent and
// near times, "Dec 6, 2026" for others, the exact UTC time in a tooltip and in
// the <time> element's dateTime.

const exact = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

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
    if (Math.abs(delta) < size) return relative.format(Math.round(delta), unit);
    delta /= size;
  }
  return dateOnly.format(date);
}

export function formatExact(date: Date): string {
  return `${exact.format(date)} UTC`;
}

export function Time({ value, fallback = "—" }: { value: string | Date | null | undefined; fallback?: string }) {
  // Relative text depends on "now": rendered after mount so server and client agree.
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  if (!value) return <span className="text-slate-600">{fallback}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return <span>{String(value)}</span>;
  return (
    <Tooltip content={formatExact(date)}>
      <time dateTime={date.toISOString()} tabIndex={0} className="whitespace-nowrap underline decoration-dotted decoration-slate-400 underline-offset-2">
        {now ? formatRelative(date, now) : dateOnly.format(date)}
      </time>
    </Tooltip>
  );
}
