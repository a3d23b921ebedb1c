import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { HSTS, newCspNonce, pageContentSecurityPolicy, pageSecurityHeaders, setApiSecurityHeaders } from "./security-headers";

const saved = process.env.APP_URL;

function withAppUrl(url: string | undefined) {
  if (url === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = url;
  resetConfigForTests();
}

afterEach(() => withAppUrl(saved));

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("page Content-Security-Policy", () => {
  it("allows scripts only with the nonce, never inline or eval, and refuses every frame ancestor", () => {
    const csp = directives(pageContentSecurityPolicy("abc123==", { pathname: "/keys", https: false, dev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("lets the consent page's form land on a client's redirect URI (https, or http on loopback)", () => {
    const csp = directives(pageContentSecurityPolicy("n", { pathname: "/oauth/authorize", https: false, dev: false }));
    expect(csp.get("form-action")).toEqual(["'self'", "https:", "http://localhost:*", "http://127.0.0.1:*"]);
  });

  it("adds eval only for next dev, and upgrade-insecure-requests on https", () => {
    expect(directives(pageContentSecurityPolicy("n", { pathname: "/", https: false, dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(pageContentSecurityPolicy("n", { pathname: "/", https: true, dev: false })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("uses a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newCspNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("HSTS follows APP_URL", () => {
  it("is sent on pages and API answers when APP_URL is https", () => {
    withAppUrl("https://portico.example.com");
    const page = pageSecurityHeaders("/dashboard");
    expect(page.hsts).toBe(HSTS);
    expect(page.csp).toContain(`'nonce-${page.nonce}'`);
    expect(page.csp).toContain("upgrade-insecure-requests");
    const api = new Headers();
    setApiSecurityHeaders(api);
    expect(api.get("strict-transport-security")).toBe(HSTS);
  });

  it("is not sent over plain http", () => {
    withAppUrl("http://localhost:3000");
    expect(pageSecurityHeaders("/dashboard").hsts).toBeUndefined();
    const api = new Headers();
    setApiSecurityHeaders(api);
    expect(api.get("strict-transport-security")).toBeNull();
    expect(api.get("x-content-type-options")).toBe("nosniff");
    expect(api.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(api.get("cache-control")).toBe("no-store");
  });

  it("keeps a Cache-Control the route chose (public documents)", () => {
    withAppUrl(undefined);
    const api = new Headers({ "cache-control": "public, max-age=60" });
    setApiSecurityHeaders(api);
    expect(api.get("cache-control")).toBe("public, max-age=60");
  });
});
