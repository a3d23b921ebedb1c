import * as installRoute from "@/app/api/v1/marketplace/listings/[slug]/install/route";
import * as listingsRoute from "@/app/api/v1/marketplace/listings/route";
import * as tokenRoute from "@/app/api/oauth/token/route";
import type { Db } from "@/db";
import { answerInstallConsent } from "@/lib/integrations/install-consent";
import { authorizeParamsFrom } from "@/lib/oauth/authorization-code";
import { goodApplication, publishedApp } from "./application-fixtures";
import { callRoute } from "./call-route";

/** A published app (walked through review) with its public listing: what a customer installs. */
export async function installableListing(db: Db, opts: { app?: Record<string, unknown>; pricing?: { model: "free" | "paid"; monthlyPriceCents?: number } } = {}) {
  const body = goodApplication(opts.app);
  const app = await publishedApp(db, body);
  const res = await callRoute(listingsRoute.POST, {
    path: "/api/v1/marketplace/listings",
    cookie: app.cookie,
    body: {
      applicationId: app.id,
      tagline: "Claims in sync, both ways",
      description: "Keeps claims in step with your claims system.",
      category: "claims",
      tags: ["claims"],
      pricing: opts.pricing ?? { model: "free" },
    },
  });
  if (res.status !== 201) throw new Error(`listing: ${res.status} ${res.text}`);
  return {
    ...app,
    slug: res.body.slug as string,
    listingId: res.body.id as string,
    clientId: app.app.clientId as string,
    clientSecret: app.app.clientSecret as string,
    redirectUri: (body.redirectUris as string[])[0],
  };
}

export const startInstall = (slug: string, cookie: string, body: unknown = {}) =>
  callRoute(installRoute.POST, { path: `/api/v1/marketplace/listings/${slug}/install`, params: { slug }, cookie, body });

/** The consent page's answer for an authorizeUrl (what the browser's Authorize/Deny posts). */
export async function answerConsentFor(db: Db, authorizeUrl: string, userId: string, answer: { approve: boolean; accountId?: string }) {
  const url = new URL(authorizeUrl);
  const params = authorizeParamsFrom((name) => url.searchParams.get(name));
  return answerInstallConsent(db, params, userId, { approve: answer.approve, accountId: answer.accountId ?? null });
}

/** The partner's server redeeming the code with the app's client (RFC 6749 §4.1.3). */
export async function exchangeCode(l: { clientId: string; clientSecret: string }, code: string, redirectUri: string) {
  const req = new Request("http://localhost:3000/api/oauth/token", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(l.clientId)}:${encodeURIComponent(l.clientSecret)}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri }),
  });
  const res = await tokenRoute.POST(req);
  return { status: res.status, body: (await res.json()) as { access_token?: string; refresh_token?: string; error?: string } };
}

/** Starts and authorizes an install as `cookie`'s user: the integration is active; returns it with the app's code. */
export async function installApp(db: Db, l: { slug: string }, who: { cookie: string; userId: string; accountId?: string }) {
  const started = await startInstall(l.slug, who.cookie, who.accountId ? { accountId: who.accountId } : {});
  if (started.status !== 201) throw new Error(`install: ${started.status} ${started.text}`);
  const answer = await answerConsentFor(db, started.body.authorizeUrl, who.userId, { approve: true, accountId: who.accountId });
  if (answer.kind !== "redirect") throw new Error(`consent: ${answer.message}`);
  const code = new URL(answer.url).searchParams.get("code");
  return { integrationId: started.body.id as string, code: code!, redirect: answer.url };
}
