// What a search box sends, turned into what Postgres full-text search can take without
// ever raising a syntax error: websearch_to_tsquery accepts any text (quotes, -words, "or"),
// and the one term we build ourselves (the last word as a prefix) is cleaned to letters
// and digits first, because websearch_to_tsquery drops a trailing `*`.

export const MAX_QUERY_LENGTH = 200;

export type ParsedQuery = {
  /** The text for websearch_to_tsquery (phrases, exclusions, the complete words). */
  websearch: string;
  /** The last word, cleaned, to match as a prefix (`clai` → `clai:*`); null when the query ends in a space, a quote or an exclusion. */
  prefix: string | null;
  /** Every plain word of the query, cleaned (for typo correction and exact-name matches). */
  words: string[];
  /** Whether anything searchable is left. */
  empty: boolean;
};

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
  return text
    .split(/\s+/)
    .map(foldWord)
    .filter(Boolean)
    .join(" ");
}

export function parseQuery(raw: string): ParsedQuery {
  // NUL and other control characters cannot reach Postgres text; treat them as spaces.
  const q = raw.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, MAX_QUERY_LENGTH);
  const quotes = (q.match(/"/g) ?? []).length;
  const tail = /(^|\s)([^\s"]+)$/.exec(q);
  let websearch = q;
  let prefix: string | null = null;
  // A trailing word outside quotes and not excluded is still being typed: match it as a prefix.
  if (tail && quotes % 2 === 0 && !tail[2].startsWith("-")) {
    const cleaned = foldWord(tail[2]);
    if (cleaned && cleaned !== "or") {
      prefix = cleaned;
      websearch = q.slice(0, tail.index + tail[1].length);
    }
  }
  const words = [
    ...new Set(
      q
        .replace(/(^|\s)-\S+/g, " ")
        .split(/[\s"]+/)
        .map(foldWord)
        .filter((w) => w && w !== "or"),
    ),
  ];
  return { websearch: websearch.trim(), prefix, words, empty: words.length === 0 };
}
