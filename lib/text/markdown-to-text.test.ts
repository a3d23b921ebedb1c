import { describe, expect, it } from "vitest";
import { markdownToText } from "./markdown-to-text";

describe("markdownToText", () => {
  it("drops emphasis, link targets and code fences but keeps the words", () => {
    expect(markdownToText("Add a **privacy policy URL** on [the listing](https://x.example/l) and `resubmit`.")).toBe(
      "Add a privacy policy URL on the listing and resubmit.",
    );
  });
  it("joins blocks, list items and headings with a space", () => {
    expect(markdownToText("# Steps\n\n1. Roll the key\n2. Deploy\n\n> quoted\n\n```\ncode line\n```")).toBe("Steps Roll the key Deploy quoted code line");
  });
  it("keeps an image's alt text and raw HTML as text (it is never rendered here)", () => {
    expect(markdownToText("![a chart](x.png) <b>hi</b>")).toBe("a chart <b>hi</b>");
  });
  it("is empty for whitespace", () => {
    expect(markdownToText("  \n\n ")).toBe("");
  });
});
