import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

// A listing description is written by a partner and shown to every visitor: whatever it
// holds, the page must not run its scripts, load its http images or pass reputation to its links.

const render = (md: string) => renderToStaticMarkup(<Markdown>{md}</Markdown>);

/** Every opening tag in the markup, as lower-case names. */
const tags = (html: string) => [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase());

/** Every value of the attribute, decoded enough to compare. */
const attrs = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => m[1].replace(/&amp;/g, "&"));

describe("listing description Markdown", () => {
  it("renders what Markdown is for: headings, emphasis, lists, code, https links and images", () => {
    const html = render(
      "# Claims Sync\n\nKeeps **claims** in _step_.\n\n- FNOL\n- Payments\n\n`GET /claims`\n\n[Docs](https://docs.example.com/a?b=1&c=2)\n\n![Dashboard](https://cdn.example.com/shot.png)",
    );
    expect(tags(html)).toEqual(expect.arrayContaining(["h2", "strong", "em", "ul", "li", "code", "a", "img"]));
    expect(html).toContain(">Claims Sync</h2>");
    expect(attrs(html, "href")).toEqual(["https://docs.example.com/a?b=1&c=2"]);
    expect(attrs(html, "src")).toEqual(["https://cdn.example.com/shot.png"]);
    expect(attrs(html, "alt")).toEqual(["Dashboard"]);
  });

  it("never renders a <script> element, in any spelling", () => {
    for (const md of [
      "<script>alert(1)</script>",
      "Hello <script src=https://evil.example.com/x.js></script> world",
      "<SCRIPT>alert(1)</SCRIPT>",
      "<scr<script>ipt>alert(1)</script>",
      "```html\n<script>alert(1)</script>\n```",
      "<div><script>alert(1)</script></div>",
    ]) {
      const html = render(md);
      expect(tags(html), md).not.toContain("script");
      expect(html, md).not.toMatch(/<script/i);
    }
    // Shown as code, the text survives escaped.
    expect(render("`<script>alert(1)</script>`")).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("does not turn raw HTML into elements or event handlers", () => {
    for (const md of [
      "<img src=x onerror=alert(1)>",
      '<img src="https://cdn.example.com/a.png" onerror="alert(1)">',
      "<iframe src=https://evil.example.com></iframe>",
      '<a href="https://evil.example.com" onclick="alert(1)">click</a>',
      "<svg onload=alert(1)>",
      '<div style="position:fixed;inset:0">overlay</div>',
      '<form action="https://evil.example.com"><input name=password></form>',
      "<object data=https://evil.example.com/x.swf></object>",
      '<meta http-equiv="refresh" content="0;url=https://evil.example.com">',
      "<style>body{display:none}</style>",
      "<details open ontoggle=alert(1)>",
    ]) {
      const html = render(md);
      expect(html, md).not.toMatch(/\son[a-z]+=/i);
      expect(tags(html), md).not.toEqual(expect.arrayContaining(["img"]));
      for (const t of ["iframe", "svg", "form", "input", "object", "meta", "style", "details"]) expect(tags(html), `${md}: ${t}`).not.toContain(t);
      expect(html, md).not.toMatch(/\sstyle=/i);
      expect(attrs(html, "href").filter((h) => h.includes("evil")), md).toEqual([]);
    }
  });

  it("drops javascript:, data: and vbscript: links, whatever their case or escapes", () => {
    for (const md of [
      "[x](javascript:alert(1))",
      "[x](JavaScript:alert(1))",
      "[x](  javascript:alert(1)  )",
      "[x](java%0ascript:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "[x](javascript&colon;alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[x](vbscript:msgbox(1))",
      "<javascript:alert(1)>",
      "[x][ref]\n\n[ref]: javascript:alert(1)",
    ]) {
      const html = render(md);
      for (const href of attrs(html, "href")) expect(href.toLowerCase(), md).toMatch(/^(https:|mailto:)/);
      expect(html.toLowerCase(), md).not.toContain('href="javascript');
    }
  });

  it("drops images over http (and any non-https source), keeps https ones", () => {
    for (const md of ["![a](http://evil.example.com/x.png)", "![a](HTTP://evil.example.com/x.png)", "![a](data:image/png;base64,AAAA)", "![a](javascript:alert(1))", "![a](ftp://evil.example.com/x.png)"]) {
      const html = render(md);
      expect(tags(html), md).not.toContain("img");
      expect(html, md).not.toContain("evil.example.com/x.png\"");
    }
    const ok = render("![ok](https://cdn.example.com/ok.png) and ![bad](http://cdn.example.com/bad.png)");
    expect(attrs(ok, "src")).toEqual(["https://cdn.example.com/ok.png"]);
  });

  it("marks every link nofollow, ugc and noopener", () => {
    const html = render("[site](https://partner.example.com) <https://auto.example.com> [mail](mailto:help@partner.example.com)");
    const rels = attrs(html, "rel");
    expect(attrs(html, "href").length).toBeGreaterThanOrEqual(2);
    expect(rels).toHaveLength(attrs(html, "href").length);
    for (const rel of rels) expect(rel.split(/\s+/)).toEqual(expect.arrayContaining(["nofollow", "ugc", "noopener"]));
  });

  it("does not let a description pose as the page: ids and classes from the author are not kept", () => {
    const html = render('<h1 id="install" class="bg-red-500">Fake</h1>\n\n[Install now](https://evil.example.com "Install")');
    expect(html).not.toContain('id="install"');
    expect(html).not.toContain("bg-red-500");
    // The link is kept (https), but marked as user content.
    expect(attrs(html, "rel")[0]).toContain("ugc");
  });
});
