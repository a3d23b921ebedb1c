"use client";

import { useSyncExternalStore } from "react";

// "Now" for SLA wording (due, due within the hour, late), moving on every half minute so an open
// page turns amber and then red without a reload. One timer for the page, however many rows ask.

let nowMs = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(onTick: () => void) {
  listeners.add(onTick);
  timer ??= setInterval(() => {
    nowMs = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot() {
  // A stale value (the first reader after a quiet spell) moves on before it is read.
  const t = Date.now();
  if (t - nowMs >= 15_000) nowMs = t;
  return nowMs;
}

/** The current time, ticking; on the server (no clock shared with the browser) the time of the render. */
export function useNow(): Date {
  return new Date(useSyncExternalStore(subscribe, snapshot, snapshot));
}
