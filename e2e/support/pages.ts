import { readdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./auth";

// The page list walked from app/, shared by the specs that visit every page.

export const USERS = ["anonymous", "admin@portico.test", "partner@portico.test", "customer@portico.test"] as const;
export type User = (typeof USERS)[number];

/** Every page route under app/: route groups dropped, dynamic segments named as they are. */
export function pageRoutes(dir = path.resolve(import.meta.dirname, "../../app"), segments: string[] = []): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") routes.push(`/${segments.join("/")}`);
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
    const group = /^\(.*\)$/.test(entry.name);
    routes.push(...pageRoutes(path.join(dir, entry.name), group ? segments : [...segments, entry.name]));
  }
  return routes.sort();
}

/** Demo ids for dynamic segments; a new dynamic page without one fails here, so it gets covered. */
export function concrete(route: string, ids: Record<string, string>): string {
  return route.replace(/\[[^\]]+\]/g, (segment) => {
    const key = `${route.slice(0, route.indexOf(segment))}${segment}`;
    if (!ids[key]) throw new Error(`No demo value for ${segment} in ${route}: add one to the ids map`);
    return ids[key];
  });
}

/** A browser context signed in as the user (over HTTP, not through the form), or a fresh one. */
export async function contextFor(browser: Browser, user: User, options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  if (user === "anonymous") return browser.newContext(options);
  const seed = await browser.newContext();
  await signInOverHttp(seed.request, user);
  const storageState = await seed.storageState();
  await seed.close();
  return browser.newContext({ ...options, storageState });
}

/** The demo ids for every dynamic page segment (see `concrete`), read over HTTP as the demo partner. */
export async function demoIds(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined): Promise<Record<string, string>> {
  const partner = await playwright.request.newContext({ baseURL });
  const me = await signInOverHttp(partner, "partner@portico.test");
  // The partner's app page, on the seeded published app (other users get the portal's own answer there).
  const own = (await (await partner.get("/api/v1/applications?limit=100")).json()) as { data: { id: string; slug: string }[] };
  // An install of Acme's apps (the partner's install page); not one a spec has uninstalled meanwhile.
  const installs = (await (await partner.get("/api/v1/integrations?limit=100")).json()) as { data: { id: string; status: string }[] };
  // One of Acme's seeded invoices (db/seed-billing.ts).
  const invoices = (await (await partner.get("/api/v1/billing/invoices?limit=1")).json()) as { data: { id: string }[] };
  // One of Acme's support tickets (the partner's ticket page, and the same ticket in the staff queue), opened here when there is none yet.
  const ticket = await demoTicket(partner);
  await partner.dispose();
  // The demo customer's own integration page, on one of Sunrise Agency's installs (db/seed-marketplace.ts).
  const customer = await playwright.request.newContext({ baseURL });
  await signInOverHttp(customer, "customer@portico.test");
  const installed = (await (await customer.get("/api/v1/integrations?limit=100")).json()) as { data: { id: string; status: string }[] };
  await customer.dispose();
  // `{ [route]: id }` of the first integration still installed, or nothing (then `concrete` names the missing id).
  const connected = (route: string, list: { id: string; status: string }[] | undefined): Record<string, string> => {
    const found = list?.find((i) => i.status !== "disconnected");
    return found ? { [route]: found.id } : {};
  };
  const claimsSync = own.data.find((a) => a.slug === "acme-claims-sync");
  // The review page of Northwind's demo submission (any status: the page shows a decided review too).
  const admin = await playwright.request.newContext({ baseURL });
  await signInOverHttp(admin, "admin@portico.test");
  const apps = (await (await admin.get("/api/v1/applications?q=Northwind%20Rater&limit=5")).json()) as { data: { id: string; slug: string }[] };
  // A seeded payout (of a partner with paid listings; Acme has none, so the partner sees the 404 page there).
  const payouts = (await (await admin.get("/api/v1/billing/payouts?limit=1")).json()) as { data: { id: string }[] };
  // The newest mail in the outbox (a notification by mail); none yet: an id no message has, the admin area's 404.
  const mail = (await (await admin.get("/api/v1/mail/messages?limit=1")).json()) as { data?: { id: string }[] };
  await admin.dispose();
  const rater = apps.data.find((a) => a.slug === "northwind-rater");
  return {
    "/admin/partners/[id]": me.partnerId,
    ...(rater ? { "/admin/reviews/[id]": rater.id } : {}),
    ...(claimsSync ? { "/apps/[id]": claimsSync.id } : {}),
    // Marketplace pages on the seeded listing and category (db/seed-marketplace.ts).
    "/marketplace/apps/[slug]": "acme-claims-sync",
    "/marketplace/categories/[slug]": "claims",
    "/listings/[slug]": "acme-claims-sync",
    ...connected("/installs/[id]", installs.data),
    ...(invoices.data?.[0] ? { "/invoices/[id]": invoices.data[0].id } : {}),
    ...(payouts.data?.[0] ? { "/payouts/[id]": payouts.data[0].id } : {}),
    "/admin/billing/pricing/[partnerId]": me.partnerId,
    ...connected("/installed/[id]", installed.data),
    ...(ticket ? { "/support/[id]": ticket, "/admin/tickets/[id]": ticket } : {}),
    "/admin/outbox/[id]": mail.data?.[0]?.id ?? "00000000-0000-4000-8000-000000000000",
  };
}

/** The id of one of the signed-in partner's tickets: the newest, or a new one when it has none. */
async function demoTicket(partner: APIRequestContext): Promise<string | undefined> {
  const list = (await (await partner.get("/api/v1/support/tickets?limit=1")).json()) as { data?: { id: string }[] };
  if (list.data?.[0]) return list.data[0].id;
  const opened = await partner.post("/api/v1/support/tickets", {
    data: { subject: "Demo: deliveries to our staging endpoint", body: "Opened by the page walker so the ticket pages have one to show.", priority: "normal", category: "technical" },
  });
  return opened.ok() ? ((await opened.json()) as { id: string }).id : undefined;
}
