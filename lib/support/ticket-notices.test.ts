import { describe, expect, it } from "vitest";
import { excerpt } from "./ticket-notices";

describe("reply excerpts", () => {
  it("flattens whitespace and keeps short text whole", () => {
    expect(excerpt("Hello\n\n  there ")).toBe("Hello there");
  });

  it("cuts long text with an ellipsis, never between the halves of a surrogate pair", () => {
    const cut = excerpt("😀".repeat(500), 280);
    expect(Array.from(cut)).toHaveLength(280);
    expect(cut.endsWith("…")).toBe(true);
    // Every UTF-16 unit is paired: JSON and Postgres accept it.
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});
