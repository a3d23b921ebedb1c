// The Scalar reference page wrapped in Portico's own chrome: `lang`, a header with
// the way back, and the theme the visitor chose in the portal (next-themes keeps it
// in localStorage under "theme"). Scalar renders the document; this only adds to it.

const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("theme")||"system";var d=t==="dark"||(t==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);window.__porticoDark=d;document.documentElement.classList.add(d?"dark":"light");}catch(e){window.__porticoDark=false;}})();`;

const HEADER_CSS = `
.portico-bar{position:sticky;top:0;z-index:1000;display:flex;align-items:center;gap:1rem;flex-wrap:wrap;padding:.5rem 1rem;border-bottom:1px solid #e2e8f0;background:#fff;font:500 14px/1.4 system-ui,sans-serif;color:#0f172a}
.portico-bar a{color:#0f172a;text-decoration:none;border-radius:.375rem;padding:.25rem .5rem}
.portico-bar a:hover,.portico-bar a:focus-visible{background:#f1f5f9;outline:2px solid transparent}
.portico-bar a[aria-current=page]{background:#eef2ff;color:#3730a3}
.portico-bar .brand{font-weight:700;font-size:15px}
.portico-bar nav{display:flex;gap:.25rem}
.portico-bar .back{margin-left:auto}
html.dark .portico-bar{background:#020617;border-color:#1e293b;color:#e2e8f0}
html.dark .portico-bar a{color:#e2e8f0}
html.dark .portico-bar a:hover,html.dark .portico-bar a:focus-visible{background:#1e293b}
html.dark .portico-bar a[aria-current=page]{background:#1e1b4b;color:#c7d2fe}
`;

const HEADER = `<header class="portico-bar"><a class="brand" href="/">Portico</a><nav aria-label="Developer docs"><a href="/docs/api" aria-current="page">API reference</a><a href="/docs/events">Events</a></nav><a class="back" href="/dashboard">Back to the portal</a></header>`;

/**
 * Adds Portico's chrome to Scalar's HTML document. `nonce` is the page's CSP nonce;
 * Scalar's init call gets `forceDarkModeState` from the visitor's theme.
 */
export function withPorticoChrome(html: string, nonce: string | undefined): string {
  const n = nonce ? ` nonce="${nonce.replace(/[^A-Za-z0-9+/=_-]/g, "")}"` : "";
  return html
    .replace(/^<!doctype html>\s*<html>/i, `<!doctype html>\n<html lang="en">`)
    .replace("</title>", `</title>\n    <link rel="icon" href="/icon.svg" type="image/svg+xml" />\n    <script${n}>${THEME_SCRIPT}</script>\n    <style${n}>${HEADER_CSS}</style>`)
    .replace("<body>", `<body>\n    ${HEADER}\n    <main>`)
    .replace(/(<div id="app"><\/div>)/, "$1</main>")
    .replace("Scalar.createApiReference('#app', {", "Scalar.createApiReference('#app', { forceDarkModeState: window.__porticoDark ? 'dark' : 'light',");
}
