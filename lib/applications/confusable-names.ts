// Customers pick apps from the marketplace by name, so a name that reads like
// ours ("P0rtico Sync") or like another partner's app impersonates it. We
// compare names by a "skeleton": what a reader sees, with case, accents,
// spacing, punctuation and common lookalike characters taken out. A small
// table in the spirit of Unicode UTS #39 confusables, not the full data file:
// it covers the scripts and tricks seen in practice (Cyrillic, Greek, digits).

// Mapped before lowercasing, because lowercasing loses what a letter looked
// like: Greek capital Mu "Μ" reads as M, its lowercase "μ" as u.
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  А: "a", а: "a", В: "b", в: "b", Ь: "b", ь: "b", С: "c", с: "c", ԁ: "d", Е: "e", е: "e", Һ: "h", һ: "h", Н: "h", н: "h",
  І: "i", і: "i", Ј: "j", ј: "j", К: "k", к: "k", Ӏ: "l", ӏ: "l", М: "m", м: "m", О: "o", о: "o", П: "n", п: "n",
  Р: "p", р: "p", Ԛ: "q", ԛ: "q", Ѕ: "s", ѕ: "s", Т: "t", т: "t", У: "y", у: "y", Ԝ: "w", ԝ: "w", Х: "x", х: "x",
  // Greek
  Α: "a", α: "a", Β: "b", β: "b", Ε: "e", ε: "e", Ζ: "z", Η: "h", η: "n", Ι: "i", ι: "i", Κ: "k", κ: "k", Μ: "m", μ: "u",
  Ν: "n", ν: "v", Ο: "o", ο: "o", Ρ: "p", ρ: "p", Τ: "t", τ: "t", Υ: "y", υ: "u", Χ: "x", χ: "x", γ: "y", ω: "w",
  // Latin lookalikes, digits and symbols
  ı: "i", ȷ: "j", ł: "l", ø: "o", đ: "d", ħ: "h", "0": "o", "1": "l", "|": "l", ǀ: "l",
};

// Applied after punctuation and spaces are gone, so "r n" reads as "rn" too.
const MULTI: ReadonlyArray<readonly [RegExp, string]> = [
  [/rn/g, "m"],
  [/vv/g, "w"],
];

/** What a name looks like to a reader; equal skeletons mean names a reader cannot tell apart. */
export function skeleton(name: string): string {
  const folded = Array.from(name.normalize("NFKD").replace(/\p{M}/gu, ""), (c) => HOMOGLYPHS[c] ?? c).join("");
  // Letters of any script count; spaces, punctuation, symbols and invisible characters do not.
  let s = folded.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  for (const [pattern, replacement] of MULTI) s = s.replace(pattern, replacement);
  return s;
}

/** Optimal-string-alignment distance (Levenshtein plus swapping two neighbours), by code point. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= y.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[x.length][y.length];
}

// Below this, one edit turns too many honest short names into each other
// ("LeadFlow" vs "LeadFlows" is worth a look, "CRM" vs "CMS" is not).
const FUZZY_MIN_LENGTH = 5;

/** True when a reader could take one name for the other. */
export function areConfusable(a: string, b: string): boolean {
  const sa = skeleton(a);
  const sb = skeleton(b);
  if (!sa || !sb) return false;
  if (sa === sb) return true;
  const [la, lb] = [Array.from(sa).length, Array.from(sb).length];
  if (Math.min(la, lb) < FUZZY_MIN_LENGTH || Math.abs(la - lb) > 1) return false;
  return editDistance(sa, sb) <= 1;
}

/**
 * True when `name` shows `word` somewhere, allowing one changed letter: "1" and
 * "l" and "I" are one glyph apart in most fonts, but "I" lowercases to "i", so
 * "Port1co" (skeleton "portlco") must still count as "Portico". Only
 * substitutions: allowing a dropped letter would flag "Portion" as "Portico".
 * Words shorter than 5 letters must appear exactly.
 */
export function containsConfusable(name: string, word: string): boolean {
  const hay = Array.from(skeleton(name));
  const needle = Array.from(skeleton(word));
  if (needle.length === 0 || hay.length < needle.length) return false;
  const allowed = needle.length >= FUZZY_MIN_LENGTH ? 1 : 0;
  for (let start = 0; start + needle.length <= hay.length; start++) {
    let mismatches = 0;
    for (let k = 0; k < needle.length && mismatches <= allowed; k++) if (hay[start + k] !== needle[k]) mismatches++;
    if (mismatches <= allowed) return true;
  }
  return false;
}
