import { z } from "zod";

// What Postgres' timestamptz and JavaScript's Date can both hold without
// surprises: years 0001–9999. ISO strings allow year 0000 and offsets that
// push a time out of that range; those are refused here, not by the database.
const MIN = Date.parse("0001-01-01T00:00:00Z");
const MAX = Date.parse("9999-12-31T23:59:59.999Z");

export function isStorableInstant(iso: string): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t >= MIN && t <= MAX;
}

// Only when the format is right, so a malformed value gets one error, not two.
const RANGE = "must be a date between the years 0001 and 9999";

/** An ISO 8601 date-time with `Z` or an offset, within years 0001–9999. */
export const Instant = () =>
  z.iso.datetime({ offset: true }).refine(isStorableInstant, { message: RANGE, when: (p) => !p.issues.length });

/** A calendar day `YYYY-MM-DD` within years 0001–9999. */
export const Day = () =>
  z.iso.date().refine((d) => isStorableInstant(`${d}T00:00:00Z`), { message: RANGE, when: (p) => !p.issues.length });
