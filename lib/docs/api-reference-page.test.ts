import { ApiReference } from "@scalar/nextjs-api-reference";
import { describe, expect, it } from "vitest";
import { withPorticoChrome } from "./api-reference-page";

describe("the API reference page", () => {
  it("wraps Scalar's document in Portico's chrome: lang, header with the way back, the visitor's theme, nonce on our inline code", async () => {
    const html = await ApiReference({ url: "/api/v1/openapi.json", cdn: "/docs/api/standalone.js", nonce: "n0nce" } as never)().text();
    const page = withPorticoChrome(html, "n0nce");
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/i);
    expect(page).toContain('<a class="back" href="/dashboard">Back to the portal</a>');
    expect(page).toContain("forceDarkModeState: window.__porticoDark ? 'dark' : 'light'");
    expect(page).toContain('<script nonce="n0nce">(function(){try{var t=localStorage.getItem("theme")');
    expect(page).toContain('<style nonce="n0nce">');
    // Every script carries the nonce: the CSP allows nothing else.
    expect([...page.matchAll(/<script\b[^>]*>/g)].every((m) => m[0].includes('nonce="n0nce"'))).toBe(true);
    expect(page).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
  });

  it("keeps a hostile nonce from breaking out of its attribute", () => {
    expect(withPorticoChrome("<!doctype html><html><head><title>x</title></head><body><div id=\"app\"></div></body></html>", 'a"><script>')).not.toContain('"><script>');
  });
});
