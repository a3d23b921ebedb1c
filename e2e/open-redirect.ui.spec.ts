import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { openRedirectPayloads } from "@/lib/testing/open-redirect-payloads";
import { DEMO_PASSWORD, signInOverHttp } from "./support/auth";

// Published open-redirect payloads against every place that takes a return URL:
// /signin?callbackUrl= (signed in: the server redirects at once; signed out: after the form)
// and next-auth's own callbackUrl. Wherever Chromium ends up must be the app's origin,
// and no request may reach another host.

type Escapes = string[];

/** Any request to another origin is answered here (never leaves the machine) and recorded; so is any dialog (javascript: URLs). */
async function guard(ctx: BrowserContext, appOrigin: string): Promise<Escapes> {
  const escapes: Escapes = [];
  await ctx.route(
    (url) => url.origin !== appOrigin,
    async (route) => {
      escapes.push(route.request().url());
      await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>You left Portico</h1>" });
    },
  );
  ctx.on("page", (page) =>
    page.on("dialog", async (dialog) => {
      escapes.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    }),
  );
  return escapes;
}

/** The payload as a link would carry it: encoded, and pasted in as it is (the browser and the server decode what they decode). */
function callbackForms(payload: string): { label: string; query: string }[] {
  const forms = [{ label: "encoded", query: encodeURIComponent(payload) }];
  // A raw NUL cannot be typed into a URL; "#" and "&" would end the parameter.
  if (!/[\u0000#&]/.test(payload)) forms.push({ label: "raw", query: payload });
  return forms;
}

async function signedInContext(browser: Browser, email: string) {
  const seed = await browser.newContext();
  await signInOverHttp(seed.request, email);
  const storageState = await seed.storageState();
  await seed.close();
  return browser.newContext({ storageState });
}

test("signed in: /signin?callbackUrl=<payload> never leaves the app's origin", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const appOrigin = new URL(baseURL!).origin;
  const ctx = await signedInContext(browser, "partner@portico.test");
  const escapes = await guard(ctx, appOrigin);
  const page = await ctx.newPage();

  // The control: a path of ours is honoured, so the rest are refused for what they are.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/keys?from=signin")}`);
  await expect(page).toHaveURL(`${appOrigin}/keys?from=signin`);

  let visited = 0;
  for (const { payload, lands } of openRedirectPayloads) {
    for (const form of callbackForms(payload)) {
      const where = `${JSON.stringify(payload)} (${form.label})`;
      await page.goto(`/signin?callbackUrl=${form.query}`);
      await page.waitForLoadState("load");
      expect(new URL(page.url()).origin, where).toBe(appOrigin);
      // Refused payloads land on the partner's home page, not on some path made of the payload.
      if (form.label === "encoded" && lands === "fallback") expect(new URL(page.url()).pathname, where).toBe("/dashboard");
      expect(escapes, where).toEqual([]);
      visited++;
    }
  }
  expect(openRedirectPayloads.length).toBeGreaterThanOrEqual(30);
  expect(visited).toBeGreaterThan(openRedirectPayloads.length);
  await ctx.close();
});

test("signing in through the form with a hostile callbackUrl lands on the app", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const appOrigin = new URL(baseURL!).origin;
  const cases = [
    { query: encodeURIComponent("/\\evil.example"), label: "/\\evil.example" },
    { query: "/%09/evil.example", label: "/%09/evil.example as sent (a tab once decoded)" },
    { query: encodeURIComponent("//evil.example"), label: "//evil.example" },
    { query: encodeURIComponent("https:evil.example"), label: "https:evil.example" },
    { query: encodeURIComponent("/.//evil.example"), label: "/.//evil.example" },
    { query: encodeURIComponent("javascript:alert(document.domain)"), label: "javascript:" },
    { query: encodeURIComponent("http://evil.example@localhost"), label: "userinfo" },
  ];
  for (const { query, label } of [...cases, { query: encodeURIComponent("/settings"), label: "control: /settings" }]) {
    const ctx = await browser.newContext();
    const escapes = await guard(ctx, appOrigin);
    const page = await ctx.newPage();
    await page.goto(`/signin?callbackUrl=${query}`);
    await page.getByLabel("Email").fill("partner@portico.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const expected = label.startsWith("control") ? "/settings" : "/dashboard";
    await expect(page, label).toHaveURL(`${appOrigin}${expected}`);
    expect(escapes, label).toEqual([]);
    await ctx.close();
  }
});

test("next-auth's callbackUrl (sign-in, sign-out, its sign-in redirect) stays on the app", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const appOrigin = new URL(baseURL!).origin;
  const ctx = await browser.newContext();
  const escapes = await guard(ctx, appOrigin);
  const api = ctx.request;
  for (const { payload } of openRedirectPayloads) {
    const where = JSON.stringify(payload);
    const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
    const signedIn = await api.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "customer@portico.test", password: DEMO_PASSWORD, callbackUrl: payload, json: "true" },
      maxRedirects: 0,
    });
    expect(signedIn.status(), where).toBe(200);
    expect(new URL((await signedIn.json()).url).origin, where).toBe(appOrigin);
    const signedOut = await api.post("/api/auth/signout", { form: { csrfToken, callbackUrl: payload, json: "true" }, maxRedirects: 0 });
    expect(new URL((await signedOut.json()).url).origin, where).toBe(appOrigin);
  }
  // next-auth's own sign-in route sends the browser to our /signin with the callbackUrl it accepted.
  const page = await ctx.newPage();
  for (const { payload } of openRedirectPayloads.slice(0, 12)) {
    await page.goto(`/api/auth/signin?callbackUrl=${encodeURIComponent(payload)}`);
    expect(new URL(page.url()).origin, JSON.stringify(payload)).toBe(appOrigin);
  }
  expect(escapes).toEqual([]);
  await ctx.close();
});
