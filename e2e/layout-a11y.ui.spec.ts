import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { concrete, contextFor, demoIds, pageRoutes, USERS, type User } from "./support/pages";
import { isPartnerMedia } from "./support/partner-media";

// Every page (walked from app/), as each demo user and anonymously, at 1280 and
// 390 px: nothing interactive outside the viewport or cut off by an ancestor
// (each element's box against every clipping ancestor's box, which
// toBeInViewport does not do), no page wider than the window, no console error
// or failed request, and no critical or serious axe finding.

const VIEWPORTS = [
  { name: "1280", width: 1280, height: 860 },
  { name: "390", width: 390, height: 844 },
] as const;

type Finding = { where: string; what: string };

/** Interactive elements cut off horizontally by the window, or in either direction by an ancestor that clips. */
async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=menuitem], [role=switch], [role=combobox], summary";
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") || (el as HTMLElement).innerText || el.getAttribute("name") || "").trim().slice(0, 40)}"`;
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const r = el.getBoundingClientRect();
      // Not rendered, or visually hidden on purpose (sr-only is 1×1).
      if (r.width <= 1 || r.height <= 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      if (r.left < -1 || r.right > window.innerWidth + 1) {
        out.push(`${describe(el)} lies outside the window (x ${Math.round(r.left)}–${Math.round(r.right)} of ${window.innerWidth})`);
        continue;
      }
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        const clipsX = s.overflowX !== "visible";
        const clipsY = s.overflowY !== "visible" && s.overflowY !== "auto" && s.overflowY !== "scroll";
        if (!clipsX && !clipsY) continue;
        const b = a.getBoundingClientRect();
        if (clipsX && (r.left < b.left - 1 || r.right > b.right + 1)) {
          out.push(`${describe(el)} is cut off sideways by <${a.tagName.toLowerCase()} class="${a.className.toString().slice(0, 60)}">`);
          break;
        }
        if (clipsY && (r.top < b.top - 1 || r.bottom > b.bottom + 1)) {
          out.push(`${describe(el)} is cut off by <${a.tagName.toLowerCase()} class="${a.className.toString().slice(0, 60)}">`);
          break;
        }
      }
    }
    return out;
  });
}

let ids: Record<string, string>;

test.beforeAll(async ({ playwright, baseURL }) => {
  ids = await demoIds(playwright, baseURL);
});

for (const user of USERS) {
  for (const viewport of VIEWPORTS) {
    test(`every page fits, works and passes axe at ${viewport.name} px as ${user}`, async ({ browser, baseURL }) => {
      test.setTimeout(300_000);
      const ctx = await contextFor(browser, user as User, { viewport: { width: viewport.width, height: viewport.height } });
      const page = await ctx.newPage();
      const findings: Finding[] = [];
      let where = "";
      // The status of the page itself: another user's id answers with the portal's 404 page.
      let pageStatus = 0;
      const origin = new URL(baseURL!).origin;
      // Partners' images failing to load offline is the environment (see isPartnerMedia).
      page.on("console", (msg) => {
        if (msg.type() === "error" && isPartnerMedia(msg.location().url ?? "", "image", origin)) return;
        // The browser logs the 404 of a page that is a not-found answer (the check below, or another
        // user's id): that one is expected; a 404 of anything the page loads is still caught below.
        if (msg.type() === "error" && !(pageStatus === 404 && /status of 404/.test(msg.text()))) {
          findings.push({ where, what: `console error: ${msg.text().slice(0, 200)}` });
        }
      });
      page.on("pageerror", (err) => findings.push({ where, what: `uncaught: ${err.message.slice(0, 200)}` }));
      page.on("requestfailed", (req) => {
        const reason = req.failure()?.errorText ?? "";
        // A prefetch or RSC request cancelled by the next navigation is not a failure.
        if (isPartnerMedia(req.url(), req.resourceType(), origin)) return;
        if (!reason.includes("ERR_ABORTED")) findings.push({ where, what: `request failed: ${req.url()} ${reason}` });
      });
      page.on("response", (res) => {
        const req = res.request();
        if (req.isNavigationRequest() && req.frame() === page.mainFrame()) pageStatus = res.status();
        if (res.status() >= 400 && !(req.isNavigationRequest() && req.frame() === page.mainFrame())) {
          findings.push({ where, what: `${res.status()} for ${req.method()} ${res.url()}` });
        }
        if (!res.url().startsWith(origin) && !res.url().startsWith("data:") && !isPartnerMedia(res.url(), req.resourceType(), origin)) findings.push({ where, what: `request to another origin: ${res.url()}` });
      });

      const seen = new Set<string>();
      // Every page, the Scalar API reference (a route handler returning HTML, in Portico's chrome) and a 404.
      const targets = [...pageRoutes().map((r) => concrete(r, ids)), "/docs/api", "/no-such-page"];
      for (const target of targets) {
        where = target;
        await page.goto(target, { waitUntil: "load" });
        // Some pages poll (the delivery log): settle briefly, then wait for loading states to go.
        await page.waitForLoadState("networkidle", { timeout: 2_000 }).catch(() => {});
        await page.locator('[role="status"]:has-text("Loading")').first().waitFor({ state: "detached", timeout: 5_000 }).catch(() => {});
        // The reference renders in the browser from the OpenAPI document.
        if (target === "/docs/api") await page.getByRole("heading", { name: "Portico API" }).first().waitFor();
        const landed = new URL(page.url()).pathname;
        if (seen.has(landed)) continue;
        seen.add(landed);
        where = landed === target ? target : `${target} → ${landed}`;

        const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
        if (widths.doc > widths.win + 1) findings.push({ where, what: `page is ${widths.doc} px wide in a ${widths.win} px window` });
        for (const c of await clippedControls(page)) findings.push({ where, what: c });

        const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        for (const v of axe.violations.filter((v) => v.impact === "critical" || v.impact === "serious")) {
          findings.push({ where, what: `axe ${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}` });
        }
      }
      await ctx.close();
      expect(findings.map((f) => `${f.where}: ${f.what}`)).toEqual([]);
    });
  }
}
