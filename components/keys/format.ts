import { useEffect, useState } from "react";
import type { ApiKey } from "./types";

/** How a key is shown once its secret is gone: enough to recognise it, never enough to use it. */
export function maskedKey(k: Pick<ApiKey, "prefix" | "last4">): string {
  return `${k.prefix}…${k.last4}`;
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
