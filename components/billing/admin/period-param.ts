import { createParser } from "nuqs";

/** A billing period in the URL (`?period=2026-11`); anything else reads as "the default period". */
export const parseAsPeriod = createParser({
  parse: (v) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : null),
  serialize: (v: string) => v,
});
