import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { deepJson, MALFORMED_SESSION_COOKIES } from "@/lib/testing/hostile-values";
import { DEMO_PASSWORD, signInOverHttp } from "./support/auth";

// Issue 12, part 4 ("no 5xx on any input"), the parts only a real Next server shows:
// percent-decoding of path segments, cookies parsed before our code runs, methods a
// route file does not export, bodies over HTTP, the next-auth sign-in callback and the
// sign-up server action. The in-process walk of every operation is lib/openapi/api-fuzz.test.ts.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** What a server error or a leaked query looks like in an answer. */
const LEAKS = [/Failed query/i, /\bselect\b/i, /\bparams\b/i, /SQLSTATE/i, /stack/i, /at \w+ \(/];

async function problem(res: APIResponse, label: string) {
  expect(res.status(), `${label}: ${res.status()} ${(await res.text()).slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers()["content-type"], `${label}: content-type`).toMatch(/^application\/problem\+json/);
  const body = await res.json();
  expect(body, label).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
  return body as { code: string; errors?: Array<{ path: string }>; detail: string };
}

function noLeak(text: string, label: string) {
  for (const re of LEAKS) expect(text, `${label} leaks ${re}`).not.toMatch(re);
}

async function fresh(playwright: { request: { newContext: (o?: object) => Promise<APIRequestContext> } }, baseURL: string | undefined) {
  return playwright.request.newContext({ baseURL });
}

test.describe("malformed paths", () => {
  const paths = [
    "/api/v1/keys/%E0%A4%A",
    "/api/v1/partners/%",
    "/api/v1/partners/%E0%A4%A/contacts",
    "/api/v1/webhooks/endpoints/%ED%A0%80",
    "/api/v1/events/%00",
    "/api/v1/oauth-clients/%C0%AF",
    "/api/v1/partners/..%2F..%2Fkeys",
    "/api/v1/%E0%A4%A",
  ];
  for (const p of paths) {
    test(`GET ${p} answers 400/404 problem+json, signed in and not`, async ({ request, playwright, baseURL }) => {
      const anon = await fresh(playwright, baseURL);
      const a = await anon.get(p, { maxRedirects: 0 });
      expect(a.status(), `anonymous ${p}: ${a.status()} ${(await a.text()).slice(0, 200)}`).toBeLessThan(500);
      if (a.status() >= 400) await problem(a, `anonymous ${p}`);
      await anon.dispose();
      await signInOverHttp(request, "partner@portico.test");
      const res = await request.get(p, { maxRedirects: 0 });
      expect([400, 404], `${p}: ${res.status()} ${(await res.text()).slice(0, 200)}`).toContain(res.status());
      const body = await problem(res, p);
      noLeak(JSON.stringify(body), p);
    });
  }
});

test.describe("a malformed session cookie is no session", () => {
  const pages: Array<[string, "signin" | "render"]> = [
    ["/", "render"],
    ["/signin", "render"],
    ["/signup", "render"],
    ["/docs/events", "render"],
    ["/dashboard", "signin"],
    ["/keys", "signin"],
    ["/webhooks", "signin"],
    ["/admin/partners", "signin"],
    ["/marketplace", "render"],
    ["/authorized-apps", "signin"],
    [`/oauth/authorize?client_id=x&response_type=code&redirect_uri=${encodeURIComponent("http://localhost/cb")}`, "render"],
  ];
  for (const cookie of MALFORMED_SESSION_COOKIES) {
    test(`pages and API with \`${cookie}\``, async ({ playwright, baseURL }) => {
      const ctx = await fresh(playwright, baseURL);
      for (const [p, expectWhat] of pages) {
        const res = await ctx.get(p, { headers: { cookie }, maxRedirects: 0 });
        const label = `${p} with ${cookie}`;
        expect(res.status(), `${label}: ${res.status()}`).toBeLessThan(500);
        if (expectWhat === "signin") {
          // Signed out: sent to /signin (a redirect, or Next's streamed redirect inside a 200 page).
          const where = res.headers()["location"] ?? (await res.text()).match(/\/signin[^"'\s<]*/)?.[0] ?? "";
          expect(where, `${label} should lead to /signin`).toContain("/signin");
        }
      }
      for (const [method, p] of [
        ["GET", "/api/v1/me"],
        ["GET", "/api/v1/partners"],
        ["GET", "/api/v1/keys"],
        ["POST", "/api/v1/keys"],
        ["GET", "/api/v1/webhooks/deliveries"],
        ["GET", "/api/v1/event-types"],
      ] as const) {
        const res = await ctx.fetch(p, { method, headers: { cookie }, data: method === "POST" ? { name: "x", scopes: ["read:keys"] } : undefined });
        expect(res.status(), `${method} ${p} with ${cookie}: ${(await res.text()).slice(0, 200)}`).toBe(401);
        await problem(res, `${method} ${p}`);
      }
      const ping = await ctx.get("/api/ping", { headers: { cookie } });
      expect(ping.status()).toBe(200);
      await ctx.dispose();
    });
  }
});

test("every method a route does not serve answers 405 problem+json with Allow", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  const paths: Record<string, string[]> = { "/openapi.json": ["GET"] };
  for (const [p, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
    paths[p] = METHODS.filter((m) => item[m.toLowerCase()]);
  }
  const bad: string[] = [];
  await signInOverHttp(request, "partner@portico.test");
  for (const [p, documented] of Object.entries(paths)) {
    const url = `/api/v1${p.replace(/\{[^}]+\}/g, randomUUID())}`;
    for (const m of METHODS.filter((x) => !documented.includes(x))) {
      const res = await request.fetch(url, { method: m, data: m === "GET" ? undefined : {}, maxRedirects: 0 });
      const allow = (res.headers()["allow"] ?? "").split(",").map((s) => s.trim());
      const type = res.headers()["content-type"] ?? "";
      const ok = res.status() === 405 && type.startsWith("application/problem+json") && documented.every((d) => allow.includes(d));
      if (!ok) bad.push(`${m} ${p}: ${res.status()} ${type || "(no content-type)"} Allow=${res.headers()["allow"] ?? "(none)"}`);
    }
  }
  expect(bad).toEqual([]);
});

test.describe("hostile bodies over HTTP", () => {
  test("deep JSON is 400 before any recursion; NUL and lone surrogates are 422 naming the field", async ({ request }) => {
    await signInOverHttp(request, "partner@portico.test");
    const headers = { "content-type": "application/json" };
    for (const [label, body] of [
      ["arrays 10,000 deep", deepJson(10_000)],
      ["objects 10,000 deep", deepJson(10_000, "object")],
      ["description 10,000 deep", `{"url":"https://example.com/h","eventTypes":["lead.*"],"description":${deepJson(10_000)}}`],
    ] as const) {
      const res = await request.post("/api/v1/webhooks/endpoints", { headers, data: body });
      expect(res.status(), `${label}: ${(await res.text()).slice(0, 200)}`).toBe(400);
      await problem(res, label);
    }

    // JSON.stringify writes NUL and lone surrogates as \u escapes, so they arrive exactly as sent.
    const cases: Array<[string, string, unknown, string]> = [
      ["/api/v1/keys", "name with NUL", { name: "a\u0000b", scopes: ["read:keys"] }, "name"],
      ["/api/v1/keys", "name with a lone surrogate", { name: "a\ud800b", scopes: ["read:keys"] }, "name"],
      ["/api/v1/webhooks/endpoints", "description with NUL", { url: "https://example.com/h", eventTypes: ["lead.*"], description: "\u0000" }, "description"],
      ["/api/v1/keys", "expiresAt year 0000", { name: "k", scopes: ["read:keys"], expiresAt: "0000-01-01T00:00:00Z" }, "expiresAt"],
    ];
    for (const [p, label, body, field] of cases) {
      const res = await request.post(p, { headers, data: JSON.stringify(body) });
      expect(res.status(), `${label}: ${(await res.text()).slice(0, 200)}`).toBe(422);
      const problemBody = await problem(res, label);
      expect(problemBody.errors?.map((e) => e.path), label).toContain(field);
      noLeak(JSON.stringify(problemBody), label);
    }

    const query = await request.get("/api/v1/partners?q=a%00b");
    expect(query.status()).toBe(400);
    expect((await problem(query, "q with NUL")).errors?.map((e) => e.path)).toContain("q");
    const from = await request.get("/api/v1/events?from=0000-01-01T00:00:00Z");
    expect([400, 422]).toContain(from.status());
    expect((await problem(from, "from year 0000")).errors?.map((e) => e.path)).toContain("from");
  });

  test("event data with a lone surrogate is 422 naming data.<field> (admin publish)", async ({ request }) => {
    await signInOverHttp(request, "admin@portico.test");
    const res = await request.post("/api/v1/events", {
      headers: { "content-type": "application/json" },
      data: JSON.stringify({ type: "lead.created", data: { leadId: randomUUID(), source: "\ud800", lineOfBusiness: "auto", contact: { name: "D" }, createdAt: new Date().toISOString() } }),
    });
    expect(res.status(), (await res.text()).slice(0, 300)).toBe(422);
    expect((await problem(res, "data.source")).errors?.map((e) => e.path)).toContain("data.source");
  });
});

test.describe("sign-in and sign-up forms", () => {
  const raw = (form: Record<string, string>) =>
    Object.entries(form)
      .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
      .join("&");

  test("the credentials callback never fails on NUL, surrogates or bad encodings in the email", async ({ playwright, baseURL }) => {
    const emails: Array<[string, string]> = [
      ["NUL", "%00"],
      ["a<NUL>b@example.com", "a%00b%40example.com"],
      ["lone surrogate bytes", "%ED%A0%80%40example.com"],
      ["bad percent-encoding", "%E0%A4%A"],
      ["100k chars", "x".repeat(100_000)],
      ["sql quote", "'%20or%201%3D1%20--"],
    ];
    for (const [label, email] of emails) {
      const ctx = await fresh(playwright, baseURL);
      const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
      const res = await ctx.post("/api/auth/callback/credentials", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        data: raw({ csrfToken: encodeURIComponent(csrfToken), email, password: DEMO_PASSWORD, json: "true" }),
        maxRedirects: 0,
      });
      const text = await res.text();
      expect(res.status(), `${label}: ${res.status()} ${text.slice(0, 200)}`).toBeLessThan(500);
      noLeak(`${text} ${res.headers()["location"] ?? ""}`, `sign-in with ${label}`);
      // Not signed in.
      expect((await ctx.get("/api/v1/me")).status()).toBe(401);
      await ctx.dispose();
    }
  });

  test("the sign-up form answers NUL and lone surrogates with field errors, not a crash", async ({ page }) => {
    // /signup is a server action. A NUL can be put into an input (a keyboard cannot type it); a lone surrogate
    // cannot leave the browser as such (the request body is UTF-8, so it would arrive as U+FFFD), so it is
    // written into the action's JSON body as the escape \ud800 on its way out, which the server decodes to one.
    const MARK = "FUZZMARK";
    for (const [label, inputValue, wire] of [
      ["NUL", "a\u0000b", null],
      ["lone surrogate", `a${MARK}b`, "\\ud800"],
      ["NUL as JSON escape", `a${MARK}b`, "\\u0000"],
    ] as const) {
      await page.unrouteAll();
      if (wire) {
        await page.route("**/signup", async (route) => {
          const req = route.request();
          if (req.method() !== "POST" || !req.headers()["next-action"]) return route.continue();
          const body = req.postData() ?? "";
          expect(body, "the action body carries the marker").toContain(MARK);
          await route.continue({ postData: body.split(MARK).join(wire) });
        });
      }
      await page.goto("/signup");
      const set = async (name: string, v: string) =>
        page.locator(`input[name="${name}"]`).evaluate((el, val) => {
          // The prototype's setter, then an input event: React (and the form state behind it) sees a typed value.
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, val);
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }, v);
      await set("name", inputValue);
      await set("email", `fuzz-${Date.now()}@example.test`);
      await set("password", "correct-horse-battery");
      await set("partnerName", inputValue);
      const answer = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
      await page.getByRole("button", { name: "Create partner account" }).click();
      const res = await answer;
      expect(res.status(), `${label}: server action answered ${res.status()}`).toBeLessThan(500);
      await expect(page.getByTestId("form-error"), `${label}: the form shows an error`).toBeVisible();
      noLeak(await page.getByTestId("form-error").innerText(), `sign-up ${label}`);
      await expect(page).toHaveURL(/\/signup/);
    }
  });
});

test("the server is healthy afterwards", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", db: "ok" });
});
