import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";

/**
 * What a Markdown text says, as one line of plain text: for places that show no Markdown
 * (notifications, mail subjects and previews), where `**bold**` would show its asterisks.
 * Blocks are joined by a space; link text stays, its URL goes; images keep their alt text.
 */
export function markdownToText(markdown: string): string {
  const tree = fromMarkdown(markdown);
  const parts: string[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    // Leaf blocks hold the words; containers (lists, quotes) only hold blocks.
    if (node.type === "paragraph" || node.type === "heading" || node.type === "code" || node.type === "tableCell" || node.type === "html") {
      parts.push(toString(node, { includeImageAlt: true }));
      return;
    }
    for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) walk(child);
  };
  walk(tree);
  return parts
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join(" ");
}
