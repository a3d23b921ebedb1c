// What a search box sends, turned into what Postgres full-text search can take without
// ever raising a syntax error: websearch_to_tsquery accepts any text (quotes, -words, "or"),
// and the one term we build ourselves (the last word as a prefix) is cleaned to letters
// and digits first, because websearch_to_tsquery drops a trailing `*`.

export const MAX_QUERY_LENGTH = 200;

export type ParsedQuery = {
  /** The query as searched: control characters out, cut at MAX_QUERY_LENGTH. */
  raw: string;
  /** The text for websearch_to_tsquery (phrases, exclusions, the complete words). */
  websearch: string;
  /** The last word, cleaned, to match as a prefix (`clai` → `clai:*`); null when the query ends in a space, a quote or an exclusion. */
  prefix: string | null;
  /** The last word as typed, also matched whole through websearch_to_tsquery ("policy.io" is one token to the parser). */
  tail: string | null;
  /** Every plain (not excluded) word of the query, folded, split at punctuation as listing names are for an exact match. */
  words: string[];
  /** Whether anything searchable is left. */
  empty: boolean;
};

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower case, accents off, only letters and digits kept (the same folding as the unaccent dictionary, near enough for matching). */
export function foldWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The text normalised for an exact-name comparison: folded words joined by one space. */
export function foldText(text: string): string {
  return (text.match(WORD) ?? []).map(foldWord).filter(Boolean).join(" ");
}

/** Each chunk of the query that is not an exclusion (`-word`), with its position. */
function includedChunks(q: string): string[] {
  return q
    .split(/\s+/)
    .filter((c) => c && !/^"?-/.test(c));
}

export function parseQuery(input: string): ParsedQuery {
  // NUL and other control characters cannot reach Postgres text; treat them as spaces.
  const q = input.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, MAX_QUERY_LENGTH);
  const quotes = (q.match(/"/g) ?? []).length;
  const last = /(^|\s)([^\s"]+)$/.exec(q);
  let websearch = q;
  let prefix: string | null = null;
  let tail: string | null = null;
  // A trailing word outside quotes and not excluded is still being typed: match it as a prefix.
  if (last && quotes % 2 === 0 && !last[2].startsWith("-")) {
    const cleaned = foldWord(last[2]);
    if (cleaned && cleaned !== "or") {
      prefix = cleaned;
      tail = last[2];
      websearch = q.slice(0, last.index + last[1].length);
    }
  }
  const words = [
    ...new Set(
      includedChunks(q)
        .flatMap((c) => c.match(WORD) ?? [])
        .map(foldWord)
        .filter((w) => w && w !== "or"),
    ),
  ];
  return { raw: q, websearch: websearch.trim(), prefix, tail, words, empty: words.length === 0 };
}

/** The query with corrected words put back where they were typed: phrases, exclusions and punctuation stay. */
export function applyCorrections(raw: string, corrections: Map<string, string>): string {
  return raw.replace(/(^|\s)(\S+)/g, (m, space: string, chunk: string) =>
    /^"?-/.test(chunk) ? m : space + chunk.replace(WORD, (w) => corrections.get(foldWord(w)) ?? w),
  );
}
