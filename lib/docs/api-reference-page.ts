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

// Scalar's greys fall just short of WCAG AA (4.41:1 for badges and the version chip, 3.13:1 for the
// search placeholder, 4.24:1 for client tabs in dark mode): darker in light mode, lighter in dark.
// Scoped by the page's theme: Scalar draws its request examples as dark cards (.dark-mode) on a
// light page, and those keep Scalar's own palette. The method and syntax colours (yellow PATCH,
// orange numbers: 1.75:1 and 3.24:1 on white) are darkened on a light page.
const SCALAR_CONTRAST_CSS = `
html:not(.dark) .light-mode{--scalar-color-2:#595959!important;--scalar-color-3:#5e5e5e!important;--scalar-sidebar-search--color:#5e5e5e!important}
html:not(.dark) .light-mode,html:not(.dark) .dark-mode{--scalar-color-yellow:#7a5d00!important;--scalar-color-orange:#a14a00!important;--scalar-color-green:#17703a!important;--scalar-color-blue:#1d57c2!important;--scalar-color-red:#c0262d!important;--scalar-color-purple:#7137c0!important}
html.dark .dark-mode{--scalar-color-2:#c2c2c2!important;--scalar-color-3:#a8a8a8!important;--scalar-sidebar-search--color:#a8a8a8!important}
`;

// Response status tabs (200, 400, 401 … 429) scroll sideways in one row on a phone, hiding the last
// ones off the edge; they wrap onto a second row instead.
const SCALAR_LAYOUT_CSS = `
.tab-list.custom-scroll{flex-wrap:wrap!important;overflow-x:visible!important}
`;

// Scalar's markup trips axe in a few places it does not let us configure; fixed on the DOM as it
// renders (it re-renders on navigation, so on every change): aria-selected on plain buttons (the
// sidebar: the current item becomes aria-current), a role=tablist holding a button that is not a tab
// (the client picker: the list becomes a group of pressed/unpressed buttons),
// icon-only buttons without a name, and scrolling lists that a keyboard cannot reach.
const A11Y_SCRIPT = `(function(){
function fix(root){
  root.querySelectorAll("[role=tablist]").forEach(function(l){
    if(!l.querySelector("button:not([role=tab])"))return;
    l.setAttribute("role","group");l.removeAttribute("aria-orientation");
    l.querySelectorAll("[role=tab]").forEach(function(t){t.removeAttribute("role");t.setAttribute("data-a11y-toggle","");});
  });
  root.querySelectorAll("[data-a11y-toggle][aria-selected]").forEach(function(t){
    t.setAttribute("aria-pressed",t.getAttribute("aria-selected"));t.removeAttribute("aria-selected");
  });
  root.querySelectorAll("button[aria-selected]:not([role=tab]):not([role=option])").forEach(function(b){
    if(b.getAttribute("aria-selected")==="true")b.setAttribute("aria-current","true");else b.removeAttribute("aria-current");
    b.removeAttribute("aria-selected");
  });
  root.querySelectorAll("button[role=search]:not([aria-label])").forEach(function(b){b.setAttribute("aria-label","Search the API reference");});
  root.querySelectorAll("button.scalar-code-copy:not([aria-label])").forEach(function(b){b.setAttribute("aria-label","Copy code");});
  root.querySelectorAll("button.client-libraries__select:not([aria-label])").forEach(function(b){b.setAttribute("aria-label","More client libraries");});
  root.querySelectorAll("ul.endpoints:not([tabindex])").forEach(function(u){u.setAttribute("tabindex","0");});
}
var pending=false;
function schedule(){if(pending)return;pending=true;requestAnimationFrame(function(){pending=false;fix(document);});}
new MutationObserver(schedule).observe(document.documentElement,{childList:true,subtree:true,attributes:true,attributeFilter:["aria-selected","role"]});
schedule();
})();`;

const HEADER = `<header class="portico-bar"><a class="brand" href="/">Portico</a><nav aria-label="Developer docs"><a href="/docs/api" aria-current="page">API reference</a><a href="/docs/events">Events</a></nav><a class="back" href="/dashboard">Back to the portal</a></header>`;

/**
 * Adds Portico's chrome to Scalar's HTML document. `nonce` is the page's CSP nonce;
 * Scalar's init call gets `forceDarkModeState` from the visitor's theme.
 */
export function withPorticoChrome(html: string, nonce: string | undefined): string {
  const n = nonce ? ` nonce="${nonce.replace(/[^A-Za-z0-9+/=_-]/g, "")}"` : "";
  return html
    .replace(/^<!doctype html>\s*<html>/i, `<!doctype html>\n<html lang="en">`)
    .replace("</title>", `</title>\n    <link rel="icon" href="/icon.svg" type="image/svg+xml" />\n    <script${n}>${THEME_SCRIPT}</script>\n    <style${n}>${HEADER_CSS}${SCALAR_CONTRAST_CSS}${SCALAR_LAYOUT_CSS}</style>`)
    .replace("<body>", `<body>\n    ${HEADER}\n    <main>`)
    .replace(/(<div id="app"><\/div>)/, `$1</main>\n    <script${n}>${A11Y_SCRIPT}</script>`)
    .replace("Scalar.createApiReference('#app', {", "Scalar.createApiReference('#app', { forceDarkModeState: window.__porticoDark ? 'dark' : 'light',");
}
