import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, applications, applicationVersions, integrations, oauthClients, oauthTokens, partners } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { generateAccessToken, generateClientId, generateClientSecret, hashSecret } from "@/lib/oauth/token-format";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import { addAccountMember, addPartnerMember, createAccountWithMember, sessionCookie } from "./fixtures";
import { insertListing } from "./marketplace-fixtures";

// An installed integration without walking the app through review and the consent page: a
// published app whose live version has a config schema, mappable fields and a health check URL,
// its OAuth client and signing secret (as the first publish creates them), its listing, and an
// integration of a customer account in it.

export type IntegrationStatus = "pending" | "active" | "degraded" | "failed" | "disconnected";

/** A published app ready to be installed (reuse it to install the same app in several accounts). */
export type InstallableApp = {
  app: typeof applications.$inferSelect;
  version: typeof applicationVersions.$inferSelect;
  listing: { id: string; slug: string };
  partner: typeof partners.$inferSelect;
  /** An owner member of the partner. */
  partnerUser: { id: string; email: string };
  client: typeof oauthClients.$inferSelect;
  clientSecret: string;
  /** The app's webhook signing secret (whsec_…), as the partner would reveal it. */
  signingSecret: string;
};

export type AppOptions = {
  name?: string;
  /** JSON Schema of the installer's settings; null for none. Default: {@link defaultConfigSchema}. */
  configSchema?: Record<string, unknown> | null;
  /** Default: {@link defaultMappableFields}. Pass [] for an app that takes any target field. */
  mappableFields?: string[];
  /** Default: a loopback URL nothing listens on (health checks of it fail); null for none. */
  healthCheckUrl?: string | null;
  webhookUrl?: string | null;
  scopes?: string[];
  /** An existing partner (default: a new one with an owner member). */
  partnerId?: string;
};

export type InstallOptions = AppOptions & {
  /** An existing account (default: a new one with an owner). */
  account?: { id: string };
  /** An app from {@link createInstallableApp} or a previous install (default: a new one). */
  app?: InstallableApp;
  status?: IntegrationStatus;
  /** The stored (non-secret) config. */
  config?: Record<string, unknown>;
  consecutiveFailures?: number;
};

export const defaultConfigSchema = {
  type: "object",
  properties: {
    apiBaseUrl: { type: "string", format: "uri", description: "Base URL of the agency's system" },
    syncIntervalMinutes: { type: "integer", minimum: 5, maximum: 1440 },
    region: { type: "string", enum: ["us", "eu"] },
    apiKey: { type: "string", format: "password", minLength: 8, description: "Secret: sealed at rest, never shown again" },
  },
  required: ["apiBaseUrl"],
  additionalProperties: false,
} satisfies Record<string, unknown>;

export const defaultMappableFields = ["crm.email", "crm.fullName", "crm.premium", "crm.startDate", "crm.source"];

export async function createInstallableApp(db: Db, opts: AppOptions = {}): Promise<InstallableApp> {
  const scopes = opts.scopes ?? ["read:leads", "read:policies"];
  const seeded = await insertListing(db, { name: opts.name ?? "Agency Sync", partnerId: opts.partnerId, scopes, publishedDaysAgo: 30 });
  const [version] = await db
    .update(applicationVersions)
    .set({
      configSchema: opts.configSchema === undefined ? defaultConfigSchema : opts.configSchema,
      mappableFields: opts.mappableFields ?? defaultMappableFields,
      healthCheckUrl: opts.healthCheckUrl === undefined ? "http://127.0.0.1:9/health" : opts.healthCheckUrl,
      webhookUrl: opts.webhookUrl ?? null,
      redirectUris: ["https://sync.example.com/oauth/callback"],
    })
    .where(eq(applicationVersions.applicationId, seeded.app.id))
    .returning();
  const signingSecret = generateWebhookSecret();
  const [app] = await db
    .update(applications)
    .set({ signingSecretCiphertext: seal(signingSecret), description: "Keeps the agency's system in step with the platform." })
    .where(eq(applications.id, seeded.app.id))
    .returning();
  const [partner] = await db.select().from(partners).where(eq(partners.id, seeded.partnerId));
  const partnerUser = await addPartnerMember(db, partner.id, "owner");
  const clientSecret = generateClientSecret();
  const [client] = await db
    .insert(oauthClients)
    .values({
      partnerId: partner.id,
      applicationId: app.id,
      name: app.name,
      clientId: generateClientId(),
      secretHash: hashSecret(clientSecret),
      secretLast4: clientSecret.slice(-4),
      type: "confidential",
      redirectUris: version.redirectUris,
      grantTypes: ["authorization_code", "refresh_token"],
      scopes,
    })
    .returning();
  return { app, version, listing: { id: seeded.listing.id, slug: seeded.slug }, partner, partnerUser, client, clientSecret, signingSecret };
}

/**
 * An integration of `app` (default: a new published app) in `account` (default: a new account with
 * an owner), `active` unless told otherwise. Returns everything a test needs to act as each side.
 */
export async function installIntegration(db: Db, opts: InstallOptions = {}) {
  const app = opts.app ?? (await createInstallableApp(db, opts));
  let owner: { id: string; email: string };
  let account: typeof accounts.$inferSelect;
  if (opts.account) {
    [account] = await db.select().from(accounts).where(eq(accounts.id, opts.account.id));
    owner = await addAccountMember(db, account.id, "owner");
  } else {
    ({ account, user: owner } = await createAccountWithMember(db));
  }
  const status = opts.status ?? "active";
  const now = new Date();
  const [integration] = await db
    .insert(integrations)
    .values({
      accountId: account.id,
      applicationId: app.app.id,
      listingId: app.listing.id,
      partnerId: app.partner.id,
      installedBy: owner.id,
      status,
      config: opts.config ?? {},
      connectedAt: status === "pending" ? null : now,
      consecutiveFailures: opts.consecutiveFailures ?? 0,
      uninstalledAt: status === "disconnected" ? now : null,
      healthCheckNextAt: status === "pending" || status === "disconnected" ? null : now,
    })
    .returning();
  return { integration, account, owner, ...app };
}

export type InstalledIntegration = Awaited<ReturnType<typeof installIntegration>>;

/** Session cookies of each kind of caller around an integration (new members where needed). */
export async function integrationCallers(db: Db, i: InstalledIntegration) {
  const [accountAdmin, accountMember, partnerDeveloper] = await Promise.all([
    addAccountMember(db, i.account.id, "admin"),
    addAccountMember(db, i.account.id, "member"),
    addPartnerMember(db, i.partner.id, "developer"),
  ]);
  return {
    accountOwner: await sessionCookie(i.owner.id),
    accountAdmin: await sessionCookie(accountAdmin.id),
    accountMember: await sessionCookie(accountMember.id),
    partnerOwner: await sessionCookie(i.partnerUser.id),
    partnerDeveloper: await sessionCookie(partnerDeveloper.id),
  };
}

/** An OAuth access token of the app's client for the integration's account, as the consent flow stores it. */
export async function integrationAccessToken(db: Db, i: InstalledIntegration, opts: { scopes?: string[]; userId?: string } = {}) {
  const token = generateAccessToken();
  const [row] = await db
    .insert(oauthTokens)
    .values({
      kind: "access",
      tokenHash: hashSecret(token),
      clientId: i.client.id,
      userId: opts.userId ?? i.owner.id,
      accountId: i.account.id,
      partnerId: i.partner.id,
      scopes: opts.scopes ?? i.client.scopes,
      expiresAt: new Date(Date.now() + 3600_000),
    })
    .returning();
  return { token, row };
}
