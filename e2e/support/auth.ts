import type { APIRequestContext } from "@playwright/test";

export const DEMO_PASSWORD = "portico-demo";

/** Signs in over HTTP the way a browser's form post does; the context keeps the cookie. */
export async function signInOverHttp(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  if (res.status() !== 302 && res.status() !== 200) throw new Error(`sign-in failed: ${res.status()}`);
  const me = await request.get("/api/v1/me");
  if (me.status() !== 200) throw new Error(`sign-in did not produce a session (${me.status()})`);
  return me.json();
}
