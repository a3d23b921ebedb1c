import { describe, expect, it } from "vitest";
import { openRedirectPayloads } from "@/lib/testing/open-redirect-payloads";
import { safeAuthRedirect, safeReturnPath } from "./safe-redirect";

const APP = "https://portico.example.com";
const HOME = "/home";

/** Where a browser ends up when told to go to `target` from a page of the app (a Location header, router.replace). */
function landing(target: string): URL {
  return new URL(target, `${APP}/signin`);
}

describe("safeReturnPath", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeReturnPath("/dashboard")).toBe("/dashboard");
    expect(safeReturnPath("/keys?tab=active#new", HOME)).toBe("/keys?tab=active#new");
    const consent = `/oauth/authorize?${new URLSearchParams({ client_id: "c", redirect_uri: "http://localhost:9/cb", state: "s t" })}`;
    expect(safeReturnPath(consent)).toBe(consent);
    expect(safeReturnPath("/")).toBe("/");
  });

  it("normalises the way a browser does before returning the path", () => {
    expect(safeReturnPath("  /keys\t")).toBe("/keys");
    expect(safeReturnPath("/ke\nys")).toBe("/keys");
    expect(safeReturnPath("/settings\\contacts")).toBe("/settings/contacts");
    expect(safeReturnPath("/a/../keys")).toBe("/keys");
    expect(safeReturnPath("/search?q=a b")).toBe("/search?q=a%20b");
  });

  it("gives the fallback (or undefined) for a missing value", () => {
    expect(safeReturnPath(undefined)).toBeUndefined();
    expect(safeReturnPath(null, HOME)).toBe(HOME);
    expect(safeReturnPath("", HOME)).toBe(HOME);
  });

  describe.each(openRedirectPayloads)("payload $payload", ({ payload, lands }) => {
    // Each payload as it is, and as it arrives when a link put it in a query string without encoding it.
    const forms = [payload];
    try {
      if (decodeURIComponent(payload) !== payload) forms.push(decodeURIComponent(payload));
    } catch {
      /* not decodable: only the literal form */
    }

    it.each(forms)("%j never leaves the origin", (raw) => {
      const result = safeReturnPath(raw, HOME);
      expect(landing(result).origin).toBe(APP);
      expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
      // The result is stable: reading it again gives the same path (no second hop can change it).
      expect(safeReturnPath(result, "/other")).toBe(result);
    });

    it(`lands on ${lands === "fallback" ? "the default page" : "a path of ours"}`, () => {
      const result = safeReturnPath(payload, HOME);
      if (lands === "fallback") expect(result).toBe(HOME);
      else expect(result).not.toBe(HOME);
    });
  });

  it("tests at least 30 published payloads", () => {
    expect(openRedirectPayloads.length).toBeGreaterThanOrEqual(30);
  });
});

describe("safeAuthRedirect (next-auth callbacks.redirect)", () => {
  const base = "http://localhost:3210";

  it("keeps paths and absolute URLs of our own origin", () => {
    expect(safeAuthRedirect("/keys", base)).toBe(`${base}/keys`);
    expect(safeAuthRedirect(`${base}/oauth/authorize?client_id=x`, base)).toBe(`${base}/oauth/authorize?client_id=x`);
    expect(safeAuthRedirect(base, base)).toBe(`${base}/`);
  });

  it("sends other origins, userinfo and tricks to the base URL", () => {
    expect(safeAuthRedirect("http://localhost:3211/keys", base)).toBe(base);
    expect(safeAuthRedirect("http://user@localhost:3210/keys", base)).toBe(base);
    expect(safeAuthRedirect(`${base}//evil.example`, base)).toBe(base);
    expect(safeAuthRedirect(`${base}/.//evil.example`, base)).toBe(base);
  });

  it.each(openRedirectPayloads)("$payload stays on the base origin", ({ payload }) => {
    expect(new URL(safeAuthRedirect(payload, base)).origin).toBe(base);
  });
});
