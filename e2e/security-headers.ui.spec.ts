import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIResponse, type BrowserContext, type Page, type Response, type Route } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { concrete, contextFor, demoIds, pageRoutes, USERS } from "./support/pages";
import { isPartnerMedia } from "./support/partner-media";

// Security headers on every page (walked from app/**/page.tsx) for anonymous visitors and each
// demo user, on API answers, and the consent page refusing to render in another origin's frame.
// Client JS must still run under the nonce-based CSP, with no CSP violation on any page.

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name.toLowerCase(), values];
      }),
  );
}

/** The headers every page response carries, redirects included; returns the script nonce. */
function expectPageHeaders(headers: Record<string, string>, where: string, signedIn: boolean): string {
  const csp = headers["content-security-policy"];
  expect(csp, `${where}: Content-Security-Policy`).toBeTruthy();
  const policy = directives(csp);
  expect(policy.get("frame-ancestors"), `${where}: frame-ancestors`).toEqual(["'none'"]);
  const scripts = policy.get("script-src") ?? policy.get("default-src") ?? [];
  expect(scripts, `${where}: script-src`).not.toContain("'unsafe-inline'");
  expect(scripts, `${where}: script-src`).not.toContain("'unsafe-eval'");
  expect(scripts.some((s) => s === "*" || s === "http:" || s === "https:"), `${where}: script-src wildcard`).toBe(false);
  const nonce = scripts.map((s) => /^'nonce-(.+)'$/.exec(s)?.[1]).find(Boolean);
  expect(nonce, `${where}: script nonce`).toBeTruthy();
  expect(policy.get("object-src"), `${where}: object-src`).toEqual(["'none'"]);
  expect(headers["x-frame-options"], `${where}: X-Frame-Options`).toBe("DENY");
  expect(headers["x-content-type-options"], `${where}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${where}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  // APP_URL is http in this run: no HSTS (lib/http/security-headers.test.ts covers https).
  expect(headers["strict-transport-security"], `${where}: HSTS`).toBeUndefined();
  if (signedIn) expect(headers["cache-control"] ?? "", `${where}: Cache-Control`).toContain("no-store");
  return nonce!;
}

/** The redirects that led to a response, then the response itself. */
async function chain(response: Response): Promise<Response[]> {
  const responses = [response];
  for (let req = response.request().redirectedFrom(); req; req = req.redirectedFrom()) {
    const redirect = await req.response();
    if (redirect) responses.unshift(redirect);
  }
  return responses;
}

/** CSP violations as the page reports them (init scripts run whatever the policy) and as Chromium logs them. */
async function watchCsp(ctx: BrowserContext, page: Page): Promise<string[]> {
  await ctx.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const logged: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to (execute|load|evaluate|apply|connect|frame)/i.test(msg.text())) logged.push(msg.text());
  });
  page.on("pageerror", (err) => logged.push(`uncaught: ${err.message}`));
  return logged;
}

let ids: Record<string, string>;

test.beforeAll(async ({ playwright, baseURL }) => {
  ids = await demoIds(playwright, baseURL);
});

test("the page list walked from app/ covers the portal, marketplace, admin, docs and auth pages", () => {
  const routes = pageRoutes();
  for (const r of ["/", "/signin", "/signup", "/dashboard", "/keys", "/webhooks", "/oauth-clients", "/marketplace", "/admin/partners/[id]", "/oauth/authorize", "/docs/events"]) {
    expect(routes).toContain(r);
  }
});

for (const user of USERS) {
  test(`every page sends its security headers and runs its scripts under the CSP: ${user}`, async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    const ctx = await contextFor(browser, user);
    // Nothing on any page reaches another host (Scalar's hosted fonts, AI agent and proxy are off),
    // except partners' images (see isPartnerMedia). Those are aborted too, but allowed.
    const external: string[] = [];
    await ctx.route(
      (url) => url.origin !== new URL(baseURL!).origin,
      (route) => {
        const req = route.request();
        if (!isPartnerMedia(req.url(), req.resourceType(), new URL(baseURL!).origin)) external.push(req.url());
        return route.abort();
      },
    );
    const page = await ctx.newPage();
    const logged = await watchCsp(ctx, page);
    // Every page, plus the Scalar reference (a route handler returning HTML) and a 404.
    const targets = [...pageRoutes().map((r) => concrete(r, ids)), "/docs/api", "/no-such-page"];
    const nonces = new Set<string>();
    for (const target of targets) {
      const where = `${user} ${target}`;
      const response = await page.goto(target);
      expect(response, where).toBeTruthy();
      let nonce = "";
      for (const r of await chain(response!)) nonce = expectPageHeaders(r.headers(), `${where} (${r.status()} ${r.url()})`, user !== "anonymous");
      nonces.add(nonce);
      // Every script element in the document carries this response's nonce.
      const html = await response!.text();
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      expect(scripts.length, `${where}: scripts`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${where}: ${tag}`).toContain(`nonce="${nonce}"`);

      // The scripts ran: Next.js booted (or Scalar rendered the reference).
      if (new URL(page.url()).pathname === "/docs/api") {
        await expect(page.getByRole("heading", { name: "Portico API" }).first()).toBeVisible();
      } else {
        await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version), undefined, { timeout: 10_000 });
      }
      await page.waitForTimeout(150);
      const violations = (await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).filter(
        // Scalar's bundled zod probes `new Function("")` once, inside a try/catch, and falls back when refused.
        (v) => !(new URL(page.url()).pathname === "/docs/api" && /^script-src blocked eval at .*\/docs\/api\/standalone\.js/.test(v)),
      );
      expect(violations, `${where}: CSP violations`).toEqual([]);
      expect(logged, `${where}: console`).toEqual([]);
      expect(external, `${where}: requests to other hosts`).toEqual([]);
    }
    // A fresh nonce per response.
    expect(nonces.size).toBe(targets.length);
    await ctx.close();
  });
}

test("API answers carry the security headers: 200, 401, 404, next-auth, discovery", async ({ playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const partner = await playwright.request.newContext({ baseURL });
  await signInOverHttp(partner, "partner@portico.test");
  const cases: { name: string; res: APIResponse; status: number; cache: "no-store" | "public" }[] = [
    { name: "GET /api/ping", res: await anon.get("/api/ping"), status: 200, cache: "no-store" },
    { name: "GET /api/health", res: await anon.get("/api/health"), status: 200, cache: "no-store" },
    { name: "GET /api/v1/me (no credential)", res: await anon.get("/api/v1/me"), status: 401, cache: "no-store" },
    { name: "POST /api/v1/keys (bad key)", res: await anon.post("/api/v1/keys", { headers: { authorization: "Bearer prt_live_nope" }, data: {} }), status: 401, cache: "no-store" },
    { name: "GET /api/v1/no-such-route", res: await anon.get("/api/v1/no-such-route"), status: 404, cache: "no-store" },
    { name: "GET /api/no-such-route", res: await anon.get("/api/no-such-route"), status: 404, cache: "no-store" },
    { name: "GET /api/v1/keys (session)", res: await partner.get("/api/v1/keys"), status: 200, cache: "no-store" },
    { name: "GET /api/v1/me (session)", res: await partner.get("/api/v1/me"), status: 200, cache: "no-store" },
    { name: "GET /api/auth/csrf", res: await anon.get("/api/auth/csrf"), status: 200, cache: "no-store" },
    { name: "GET /api/auth/session", res: await partner.get("/api/auth/session"), status: 200, cache: "no-store" },
    { name: "GET /api/inngest", res: await anon.get("/api/inngest"), status: 404, cache: "no-store" },
    // Public documents, the same for everyone: cacheable on purpose.
    { name: "GET /api/v1/openapi.json", res: await anon.get("/api/v1/openapi.json"), status: 200, cache: "public" },
    { name: "GET /.well-known/oauth-authorization-server", res: await anon.get("/.well-known/oauth-authorization-server"), status: 200, cache: "public" },
  ];
  for (const { name, res, status, cache } of cases) {
    const h = res.headers();
    expect(res.status(), name).toBe(status);
    expect(h["x-content-type-options"], name).toBe("nosniff");
    expect(h["referrer-policy"], name).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"], name).toBe("DENY");
    const policy = directives(h["content-security-policy"] ?? "");
    expect(policy.get("frame-ancestors"), name).toEqual(["'none'"]);
    expect(policy.get("default-src"), name).toEqual(["'none'"]);
    expect(h["cache-control"] ?? "", name).toContain(cache);
    expect(h["strict-transport-security"], name).toBeUndefined();
  }
  await anon.dispose();
  await partner.dispose();
});

/**
 * The attacker: a real server on localhost (another port, so another origin of the same site;
 * SameSite=Lax cookies go along), serving a page that frames `target` and recording /cb hits.
 * Real, not a page.route fulfilment: Chromium treats an intercepted page as public and blocks its
 * frames to localhost (Local Network Access), which would hide whether our headers did.
 */
async function attackerSite(frameUrl: () => string) {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/cb") hits.push(url.search);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Win a prize</title><p>Click the big button!</p><iframe id="victim" src="${frameUrl().replace(/"/g, "&quot;")}" width="900" height="800"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test("the consent page does not render inside another origin's frame, even a same-site one", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  let consentUrl = "";
  const attacker = await attackerSite(() => consentUrl);
  const partner = await playwright.request.newContext({ baseURL });
  await signInOverHttp(partner, "partner@portico.test");
  const created = await partner.post("/api/v1/oauth-clients", {
    data: { name: `Framed ${Date.now().toString(36)}`, type: "confidential", redirectUris: [`${attacker.origin}/cb`], grantTypes: ["authorization_code", "refresh_token"], scopes: ["read:leads"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { clientId } = (await created.json()) as { clientId: string };
  await partner.dispose();
  consentUrl = `${baseURL}/oauth/authorize?${new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: `${attacker.origin}/cb`,
    scope: "read:leads",
    state: "framed",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  })}`;

  const ctx = await contextFor(browser, "customer@portico.test");
  const page = await ctx.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });

  // Control: with the headers stripped, the frame shows the consent page, signed in. So the setup can see an attack.
  const isConsent = (url: URL) => url.pathname === "/oauth/authorize";
  const strip = async (route: Route) => {
    const res = await route.fetch();
    const headers = { ...res.headers() };
    delete headers["content-security-policy"];
    delete headers["x-frame-options"];
    await route.fulfill({ response: res, headers });
  };
  await ctx.route(isConsent, strip);
  await page.goto(`${attacker.origin}/prize`);
  const frame = page.frameLocator("#victim");
  const button = frame.getByRole("button", { name: "Authorize" });
  await expect(button).toBeVisible();
  await expect(frame.getByText("Read your leads")).toBeVisible();
  const box = (await button.boundingBox())!;
  await ctx.unroute(isConsent, strip);

  // The real headers: Chromium refuses to render the page in the frame, and a click there grants nothing.
  const framed = page.waitForResponse((r) => r.url().startsWith(`${baseURL}/oauth/authorize`));
  await page.goto(`${attacker.origin}/prize?again`);
  const res = await framed;
  expect(directives(res.headers()["content-security-policy"]).get("frame-ancestors")).toEqual(["'none'"]);
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  await expect.poll(() => consoleErrors.some((m) => m.includes("frame-ancestors"))).toBe(true);
  await expect(frame.getByRole("button", { name: "Authorize" })).toHaveCount(0);
  await expect(frame.getByText("Read your leads")).toHaveCount(0);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(1000);
  expect(attacker.hits).toEqual([]);

  // The same page on its own still works (the headers stop framing, not the page).
  await page.goto(consentUrl);
  await expect(page.getByRole("button", { name: "Authorize" })).toBeVisible();
  await ctx.close();
  await attacker.close();
});
