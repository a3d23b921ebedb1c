import { foldWord } from "@/lib/marketplace/query-text";
import { BRANDS, CATEGORIES, DOMAIN, SOFTWARE, pick, rng, zipf, type Catalogue, type Rand } from "./data";

// The fixed query mix: five shapes of what people type, each with and without a
// category filter, in equal shares, shuffled with a fixed seed.

export const SHAPES = ["word", "prefix", "typo", "two words", "phrase"] as const;
export type QueryClass = `${(typeof SHAPES)[number]}${"" | " +category"}`;
export type BenchQuery = { cls: QueryClass; q: string; category?: string };

/** One edit: a substitution, a deletion, an insertion or a swap of two neighbours. */
function typo(r: Rand, word: string): string {
  const i = 1 + Math.floor(r() * (word.length - 2));
  const letter = "abcdefghijklmnopqrstuvwxyz"[Math.floor(r() * 26)];
  switch (Math.floor(r() * 4)) {
    case 0:
      return word.slice(0, i) + (letter === word[i] ? "x" : letter) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + letter + word.slice(i);
    default:
      return word[i] === word[i + 1] ? word.slice(0, i) + "q" + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

export function generateQueries(count: number, catalogue: Catalogue, seed = 1515): BenchQuery[] {
  const r = rng(seed);
  const domain = zipf(DOMAIN.length, 1.0);
  const software = zipf(SOFTWARE.length, 0.9);
  const known = new Set(catalogue.terms);
  // Name words people would misspell: domain, software and brand words of at least five letters.
  const typoable = [...DOMAIN, ...SOFTWARE, ...BRANDS].filter((w) => w.length >= 5 && known.has(w));
  // Phrases that occur in names and taglines.
  const phrases = [
    ...DOMAIN.slice(0, 30).flatMap((d) => SOFTWARE.slice(0, 6).map((s) => `${d} ${s}`)),
    "certificate of insurance",
    "independent agencies",
    "real-time insights",
    "without the paperwork",
    "carriers and brokers",
  ];
  const classes: QueryClass[] = SHAPES.flatMap((s) => [s, `${s} +category`] as QueryClass[]);
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const cls = classes[i % classes.length];
    const shape = cls.replace(" +category", "");
    let q: string;
    switch (shape) {
      case "word":
        q = r() < 0.7 ? DOMAIN[domain(r)] : r() < 0.5 ? SOFTWARE[software(r)] : pick(r, BRANDS);
        break;
      case "prefix": {
        const w = r() < 0.8 ? DOMAIN[domain(r)] : SOFTWARE[software(r)];
        q = w.slice(0, Math.min(w.length, 3 + Math.floor(r() * 3)));
        break;
      }
      case "typo": {
        let t: string;
        let w: string;
        do {
          w = pick(r, typoable);
          t = typo(r, w);
        } while (known.has(foldWord(t)) || t === w);
        q = t;
        break;
      }
      case "two words":
        q = `${DOMAIN[domain(r)]} ${r() < 0.6 ? SOFTWARE[software(r)] : DOMAIN[domain(r)]}`;
        break;
      default:
        q = `"${pick(r, phrases)}"`;
    }
    out.push({ cls, q, ...(cls.endsWith("+category") ? { category: pick(r, CATEGORIES) } : {}) });
  }
  // A fixed shuffle, so classes interleave over time.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
