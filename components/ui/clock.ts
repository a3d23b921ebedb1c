"use client";

import { useSyncExternalStore } from "react";

// One clock for the page: every relative time (<Time>) and every "due in…" wording reads it, so a
// single interval moves them all on together, started by the first reader, stopped with the last.

let clockMs = Date.now();
let clockTimer: ReturnType<typeof setInterval> | undefined;
const clockListeners = new Set<() => void>();

export function subscribeClock(onTick: () => void) {
  clockListeners.add(onTick);
  clockTimer ??= setInterval(() => {
    clockMs = Date.now();
    clockListeners.forEach((l) => l());
  }, 30_000);
  return () => {
    clockListeners.delete(onTick);
    if (clockListeners.size === 0 && clockTimer) {
      clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}

/** The clock's time, moved on when stale (the first reader after a quiet spell must not show an old "now"). */
export function clockNow() {
  const t = Date.now();
  if (t - clockMs >= 15_000) clockMs = t;
  return clockMs;
}

/** The current time, ticking every half minute; on the server, the time of the render. */
export function useNow(): Date {
  return new Date(useSyncExternalStore(subscribeClock, clockNow, clockNow));
}
