import { describe, expect, it } from "vitest";
import { foldText, foldWord, MAX_QUERY_LENGTH, parseQuery } from "./query-text";
import { decodeSearchCursor, encodeSearchCursor } from "./search-cursor";
import { segments } from "./search";

// The pieces of search that need no database: how typed text becomes a query, how a
// cursor round-trips, and how a highlight is cut into parts.

describe("parseQuery", () => {
  it("matches the last word as a prefix while it is being typed", () => {
    expect(parseQuery("claims sy")).toEqual({ raw: "claims sy", websearch: "claims", prefix: "sy", tail: "sy", words: ["claims", "sy"], empty: false });
    expect(parseQuery("clai")).toMatchObject({ websearch: "", prefix: "clai", words: ["clai"] });
  });

  it("takes a finished word (trailing space), a closed phrase or an exclusion as complete: no prefix", () => {
    expect(parseQuery("claims ")).toMatchObject({ websearch: "claims", prefix: null });
    expect(parseQuery('"claims sync"')).toMatchObject({ websearch: '"claims sync"', prefix: null, words: ["claims", "sync"] });
    expect(parseQuery("claims -sync")).toMatchObject({ websearch: "claims -sync", prefix: null, words: ["claims"] });
    // Inside an open quote the last word is part of the phrase being typed.
    expect(parseQuery('"claims sy')).toMatchObject({ prefix: null });
  });

  it("keeps phrases and exclusions for websearch_to_tsquery, and leaves excluded words out of the words", () => {
    const p = parseQuery('"veldt orchard" -ledger sync');
    expect(p.websearch).toBe('"veldt orchard" -ledger');
    expect(p.prefix).toBe("sync");
    expect(p.words).toEqual(["veldt", "orchard", "sync"]);
  });

  it("folds the prefix word: accents, case and punctuation off", () => {
    expect(parseQuery("Café").prefix).toBe("cafe");
    expect(parseQuery("ÜNDERWRITER").prefix).toBe("underwriter");
    expect(parseQuery("claims:*").prefix).toBe("claims");
  });

  it("has nothing searchable for operators, quotes, exclusions or 'or' alone", () => {
    for (const q of ["", "   ", "&", "| ! ( ) : * <->", '"', '""', "-", "-claims", "-claims -sync", "or", "OR or", "🦄", "\\\\"]) {
      const p = parseQuery(q);
      expect(p.empty, JSON.stringify(q)).toBe(true);
      expect(p.prefix === null || p.prefix === "", JSON.stringify(q)).toBe(true);
    }
  });

  it("turns NUL and control characters into spaces, and cuts the text at the maximum length", () => {
    expect(parseQuery("claims\u0000sync").words).toEqual(["claims", "sync"]);
    expect(parseQuery("a\u0002b\u0003c").words).toEqual(["a", "b", "c"]);
    expect(parseQuery("x".repeat(10_000)).prefix).toHaveLength(MAX_QUERY_LENGTH);
  });

  it("never passes a raw prefix term that could break to_tsquery", () => {
    for (const q of ["a:*", "a&b", "a|b", "!a", "(a)", "a<->b", "'a'", "a\\", "a:AB", "a*", "a'b", "::"]) {
      const { prefix } = parseQuery(q);
      if (prefix !== null) expect(prefix, q).toMatch(/^[\p{L}\p{N}]+$/u);
    }
  });

  it("lists each word once", () => {
    expect(parseQuery("claims Claims CLAIMS sync").words).toEqual(["claims", "sync"]);
  });
});

describe("foldWord / foldText", () => {
  it("folds accents, case and punctuation the same way on both sides of an exact-name comparison", () => {
    expect(foldWord("Café")).toBe("cafe");
    expect(foldWord("Ñandú")).toBe("nandu");
    expect(foldWord("O'Brien")).toBe("obrien");
    expect(foldText("  Café   Quoter  ")).toBe("cafe quoter");
    expect(foldText("Claims & Co (beta)")).toBe("claims co beta");
    expect(foldText("ﬁnance")).toBe("finance"); // a ligature is two letters
  });
});

describe("search cursors", () => {
  const c = { k: "rating" as const, s: 4.183333333333334, id: "3f8e2c1a-9b7d-4e6f-8a5b-1c2d3e4f5a6b", at: "2026-03-01T12:00:00.000Z" };

  it("round-trips the score exactly, and the corrected query", () => {
    expect(decodeSearchCursor(encodeSearchCursor(c), "rating")).toEqual(c);
    const withCq = { ...c, k: "relevance" as const, s: 0.1 + 0.2, cq: "underwriter desk" };
    expect(decodeSearchCursor(encodeSearchCursor(withCq), "relevance")).toEqual(withCq);
    expect(encodeSearchCursor(c)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("refuses a cursor of another sort, a tampered one or garbage, naming `cursor`", () => {
    const bad = [
      () => decodeSearchCursor(encodeSearchCursor(c), "installs"),
      () => decodeSearchCursor("garbage", "rating"),
      () => decodeSearchCursor("", "rating"),
      () => decodeSearchCursor(Buffer.from(JSON.stringify({ ...c, s: "1" })).toString("base64url"), "rating"),
      () => decodeSearchCursor(Buffer.from(JSON.stringify({ ...c, id: "x" })).toString("base64url"), "rating"),
      () => decodeSearchCursor(Buffer.from(JSON.stringify({ ...c, cq: "x".repeat(401) })).toString("base64url"), "rating"),
    ];
    for (const f of bad) {
      try {
        f();
        expect.unreachable("accepted a bad cursor");
      } catch (err) {
        expect(err).toMatchObject({ code: "INVALID_REQUEST", errors: [{ path: "cursor" }] });
      }
    }
  });
});

describe("highlight segments", () => {
  it("cuts a ts_headline result into matched and unmatched parts that put together give the text back", () => {
    const hl = "\u0002Claims\u0003 Sync for \u0002claims\u0003";
    expect(segments(hl)).toEqual([
      { text: "Claims", match: true },
      { text: " Sync for ", match: false },
      { text: "claims", match: true },
    ]);
    expect(segments("No match here")).toEqual([{ text: "No match here", match: false }]);
    expect(segments("")).toEqual([]);
  });
});
