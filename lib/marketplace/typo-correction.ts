import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { applyCorrections, foldText, type ParsedQuery } from "./query-text";
import { searchTerms } from "@/db/schema";

// "Did you mean": each query word that is not a known word of a listing name or tag is
// replaced by the closest known one within the allowed edit distance (1 for short words,
// 2 from five letters), nearest first, then the most trigram-similar.

function allowedEdits(word: string): number {
  if (word.length < 3) return 0;
  return word.length < 5 ? 1 : 2;
}

/** The corrected query text, or null when no word needed (or found) a correction. */
export async function correctQuery(db: Db, parsed: ParsedQuery): Promise<string | null> {
  const corrections = new Map<string, string>();
  for (const word of parsed.words.slice(0, 8)) {
    const max = allowedEdits(word);
    if (max === 0) continue;
    const found = rowsOf<{ term: string; d: number }>(
      await db.execute(sql`
        select term, levenshtein_less_equal(term, ${word}, ${max}) as d
        from search_terms
        where length(term) between ${word.length - max} and ${word.length + max}
          and levenshtein_less_equal(term, ${word}, ${max}) <= ${max}
        order by d, similarity(term, ${word}) desc, term
        limit 1`),
    )[0];
    if (found && Number(found.d) > 0) corrections.set(word, found.term);
  }
  return corrections.size ? applyCorrections(parsed.raw, corrections) : null;
}

/** The words of a listing's name and tags, added to the correction vocabulary. */
export async function rememberTerms(db: Db, name: string, tags: string[]) {
  const terms = [...new Set(foldText([name, ...tags].join(" ")).split(" "))].filter((t) => t.length >= 3 && t.length <= 40);
  if (terms.length === 0) return;
  await db
    .insert(searchTerms)
    .values(terms.map((term) => ({ term })))
    .onConflictDoNothing();
}
