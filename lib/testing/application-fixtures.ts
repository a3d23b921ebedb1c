import { eq } from "drizzle-orm";
import * as appsRoute from "@/app/api/v1/applications/route";
import * as approveRoute from "@/app/api/v1/applications/[id]/approve/route";
import * as publishRoute from "@/app/api/v1/applications/[id]/publish/route";
import * as reviewRoute from "@/app/api/v1/applications/[id]/review/route";
import * as submitRoute from "@/app/api/v1/applications/[id]/submit/route";
import type { Db } from "@/db";
import { oauthClients, oauthTokens } from "@/db/schema";
import { generateAccessToken, hashSecret } from "@/lib/oauth/token-format";
import { callRoute, type CallResult } from "./call-route";
import { createAccountWithMember, createPartnerWithMember, createUser, sessionCookie } from "./fixtures";

/** A body that passes every static check (with private URLs allowed, as in tests). */
export function goodApplication(overrides: Record<string, unknown> = {}) {
  return {
    name: `Claims Bridge ${Math.random().toString(36).slice(2, 8)}`,
    description:
      "Synchronises claims between the platform and the agency's claims system in both directions, with every change traceable to the user who made it.",
    websiteUrl: "https://bridge.example.com",
    logoUrl: "https://bridge.example.com/logo.png",
    privacyPolicyUrl: "https://bridge.example.com/privacy",
    supportEmail: "support@bridge.example.com",
    redirectUris: ["https://bridge.example.com/oauth/callback"],
    requestedScopes: ["read:claims", "write:claims"],
    scopeJustifications: { "write:claims": "Updates claim status when the adjuster closes a file." },
    ...overrides,
  };
}

export async function partnerOwner(db: Db) {
  const { partner, user } = await createPartnerWithMember(db);
  return { partner, user, cookie: await sessionCookie(user.id) };
}

export async function adminCookie(db: Db) {
  return sessionCookie((await createUser(db, { admin: true })).id);
}

export const createApp = (cookie: string, body: Record<string, unknown> = goodApplication()) =>
  callRoute(appsRoute.POST, { path: "/api/v1/applications", cookie, body });

const stepRoutes = { submit: submitRoute.POST, review: reviewRoute.POST, approve: approveRoute.POST, publish: publishRoute.POST };

export const step = (name: keyof typeof stepRoutes, id: string, cookie: string, body?: unknown): Promise<CallResult> =>
  callRoute(stepRoutes[name], { path: `/api/v1/applications/${id}/${name}`, params: { id }, cookie, ...(body !== undefined ? { body } : { method: "POST" }) });

/** Creates an app and walks it to `published`; returns the final response body (with clientSecret). */
export async function publishedApp(db: Db, body: Record<string, unknown> = goodApplication()) {
  const owner = await partnerOwner(db);
  const admin = await adminCookie(db);
  const created = await createApp(owner.cookie, body);
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  for (const [name, cookie] of [["submit", owner.cookie], ["review", admin], ["approve", admin], ["publish", owner.cookie]] as const) {
    const res = await step(name, id, cookie);
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.text}`);
    if (name === "publish") return { ...owner, admin, id, app: res.body };
  }
  throw new Error("unreachable");
}

/** An access token of the app's client for a customer, as the consent flow would store it. */
export async function installToken(db: Db, applicationId: string, scopes?: string[]) {
  const [client] = await db.select().from(oauthClients).where(eq(oauthClients.applicationId, applicationId));
  const { account, user } = await createAccountWithMember(db);
  const token = generateAccessToken();
  await db.insert(oauthTokens).values({
    kind: "access",
    tokenHash: hashSecret(token),
    clientId: client.id,
    userId: user.id,
    accountId: account.id,
    partnerId: client.partnerId,
    scopes: scopes ?? client.scopes,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  return { token, account, user, client };
}
