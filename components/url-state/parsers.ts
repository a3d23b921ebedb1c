import { createParser } from "nuqs";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the URL: anything else (a hand-edited or truncated link) reads as "no filter" instead of an API error. */
export const parseAsId = createParser({
  parse: (v) => (uuid.test(v) ? v.toLowerCase() : null),
  serialize: (v: string) => v,
});

/** Free text (a search box): trimmed, capped, and empty reads as "no filter". */
export const parseAsSearch = createParser({
  parse: (v) => v.slice(0, 200) || null,
  serialize: (v: string) => v,
});
