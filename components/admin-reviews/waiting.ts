// How long a submission has waited, in the words of the review queue: "12 min", "3 h", "2 d".

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A wait longer than this is flagged in the queue and on the review page. */
export const LONG_WAIT_SECONDS = 2 * DAY;

export function formatWaiting(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < MINUTE) return "< 1 min";
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < DAY) return `${Math.floor(s / HOUR)} h`;
  return `${Math.floor(s / DAY)} d`;
}

export function isLongWait(seconds: number): boolean {
  return seconds > LONG_WAIT_SECONDS;
}

/** Seconds since `iso` (a version's submittedAt), or null when it was never submitted. */
export function secondsSince(iso: string | null, now = Date.now()): number | null {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? null : Math.max(0, Math.round((now - t) / 1000));
}
