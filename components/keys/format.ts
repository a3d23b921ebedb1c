import { useEffect, useState } from "react";
import type { ApiKey } from "./types";

/** How a key is shown once its secret is gone: enough to recognise it, never enough to use it. */
export function maskedKey(k: Pick<ApiKey, "prefix" | "last4">): string {
  return `${k.prefix}…${k.last4}`;
}

/** "45 s", "12 min", "3 h", "5 d": short enough for a table cell. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/** "in 3 h" / "3 h ago" / "just now". */
export function relativeTime(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  if (Math.abs(diff) < 45_000) return "just now";
  return diff > 0 ? `in ${shortDuration(diff)}` : `${shortDuration(-diff)} ago`;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export const numberFormat = new Intl.NumberFormat("en-US");

/** The current time, refreshed every `intervalMs`, so "expires in 3 h" does not go stale on an open tab. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
