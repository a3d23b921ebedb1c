import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, accounts, applications, integrations, listings, oauthClients, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { isUniqueViolation, isUuid } from "@/lib/db/errors";
import { DomainError, Forbidden, NotFound } from "@/lib/errors";
import { INSTALLATION_PARAM } from "@/lib/oauth/authorization-code";
import { healthPhase } from "./health-phase";
import { publishIntegrationEvent } from "./integration-events";


export type InstallStarted = {
  id: string;
  status: "pending";
  listingId: string;
  applicationId: string;
  accountId: string;
  authorizeUrl: string;
};

type InstallTarget = {
  listingId: string;
  applicationId: string;
  partnerId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
};

/** The listing an install starts from, if it takes installs; the same rules as its public page. */
async function installTarget(db: Db, slug: string): Promise<InstallTarget> {
  const [r] = await db
    .select({
      listingId: listings.id,
      applicationId: listings.applicationId,
      partnerId: listings.partnerId,
      delistedAt: listings.delistedAt,
      appStatus: applications.status,
      partnerStatus: partners.status,
      clientId: oauthClients.clientId,
      clientStatus: oauthClients.status,
      redirectUris: oauthClients.redirectUris,
      scopes: oauthClients.scopes,
    })
    .from(listings)
    .innerJoin(applications, eq(applications.id, listings.applicationId))
    .innerJoin(partners, eq(partners.id, listings.partnerId))
    .leftJoin(oauthClients, eq(oauthClients.applicationId, listings.applicationId))
    .where(eq(listings.slug, slug))
    .limit(1);
  if (!r || r.delistedAt || r.partnerStatus !== "active" || (r.appStatus !== "published" && r.appStatus !== "deprecated")) throw new NotFound("Listing");
  if (r.appStatus === "deprecated") throw new DomainError("APP_DEPRECATED", "This app is being retired by its developer and takes no new installs");
  if (!r.clientId || r.clientStatus !== "active" || !r.redirectUris?.length) {
    throw new DomainError("CONFLICT", "This app cannot be installed right now: its OAuth client is disabled");
  }
  return { listingId: r.listingId, applicationId: r.applicationId, partnerId: r.partnerId, clientId: r.clientId, redirectUri: r.redirectUris[0], scopes: r.scopes ?? [] };
}

/** The caller's role in an account, or null when not a member. */
export async function accountRoleOf(db: Db, userId: string, accountId: string) {
  const [m] = await db
    .select({ role: accountMembers.role })
    .from(accountMembers)
    .where(and(eq(accountMembers.userId, userId), eq(accountMembers.accountId, accountId)))
    .limit(1);
  return m?.role ?? null;
}

/** Accounts where this user may install apps (owner or admin), by name. */
export async function installableAccounts(db: Db, userId: string) {
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accountMembers)
    .innerJoin(accounts, eq(accounts.id, accountMembers.accountId))
    .where(and(eq(accountMembers.userId, userId), sql`${accountMembers.role} in ('owner', 'admin')`))
    .orderBy(accounts.name);
}

/** Only an account's owners and admins install; another account's id is not found. */
export async function requireInstaller(db: Db, userId: string, accountId: string) {
  const role = await accountRoleOf(db, userId, accountId);
  if (!role) throw new NotFound("Account");
  if (role === "member") throw new Forbidden("Only an owner or admin of the account can install apps: ask an admin");
}

export function authorizeUrlFor(t: Pick<InstallTarget, "clientId" | "redirectUri" | "scopes">, integrationId: string, base = config().APP_URL): string {
  const url = new URL("/oauth/authorize", base);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", t.clientId);
  url.searchParams.set("redirect_uri", t.redirectUri);
  url.searchParams.set("scope", t.scopes.join(" "));
  // The partner's server gets the integration id back as `state`: it was not the one that started this flow.
  url.searchParams.set("state", integrationId);
  url.searchParams.set(INSTALLATION_PARAM, integrationId);
  return url.toString();
}

/**
 * POST /marketplace/listings/{slug}/install: a pending integration and the consent URL that
 * completes it. A pending install of the same app in the account is reused (a second click, a
 * retry), so an abandoned consent never blocks the next attempt.
 */
export async function beginInstall(db: Db, principal: Principal, slug: string, input: { accountId?: string }): Promise<InstallStarted> {
  if (!principal.userId) throw new Forbidden("Installs are made by a signed-in account member");
  const accountId = input.accountId ?? principal.accountId;
  if (!accountId) throw new Forbidden("Sign in with an agency account to install apps");
  await requireInstaller(db, principal.userId, accountId);
  const t = await installTarget(db, slug);
  const userId = principal.userId;
  const row = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: integrations.id, status: integrations.status })
      .from(integrations)
      .where(and(eq(integrations.accountId, accountId), eq(integrations.applicationId, t.applicationId), isNull(integrations.uninstalledAt)))
      .for("update")
      .limit(1);
    if (existing && existing.status !== "pending") throw new DomainError("ALREADY_INSTALLED", "This app is already installed in this account");
    if (existing) {
      await tx.update(integrations).set({ installedBy: userId, listingId: t.listingId, updatedAt: new Date() }).where(eq(integrations.id, existing.id));
      return existing;
    }
    const [created] = await tx
      .insert(integrations)
      .values({ accountId, applicationId: t.applicationId, listingId: t.listingId, partnerId: t.partnerId, installedBy: userId, status: "pending" })
      .returning({ id: integrations.id });
    return created;
  }).catch((err) => {
    // Two first clicks at once: the other one made the pending row.
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "An install of this app into this account is already starting: try again");
    throw err;
  });
  return { id: row.id, status: "pending", listingId: t.listingId, applicationId: t.applicationId, accountId, authorizeUrl: authorizeUrlFor(t, row.id) };
}

export type PendingInstall = {
  id: string;
  accountId: string;
  accountName: string;
  applicationId: string;
  listingSlug: string | null;
  pricing: { model: "free" | "paid"; monthlyPriceCents: number | null };
};

/** The pending integration an authorize request names, if it matches the client and the user may complete it. */
export async function findPendingInstall(db: Db, integrationId: string, clientRowId: string, userId: string): Promise<PendingInstall | null> {
  if (!isUuid(integrationId)) return null;
  const [r] = await db
    .select({
      id: integrations.id,
      status: integrations.status,
      uninstalledAt: integrations.uninstalledAt,
      accountId: integrations.accountId,
      accountName: accounts.name,
      applicationId: integrations.applicationId,
      listingSlug: listings.slug,
      pricingModel: listings.pricingModel,
      monthlyPriceCents: listings.monthlyPriceCents,
    })
    .from(integrations)
    .innerJoin(accounts, eq(accounts.id, integrations.accountId))
    .innerJoin(oauthClients, and(eq(oauthClients.applicationId, integrations.applicationId), eq(oauthClients.id, clientRowId)))
    .leftJoin(listings, eq(listings.id, integrations.listingId))
    .where(eq(integrations.id, integrationId))
    .limit(1);
  if (!r || r.status !== "pending" || r.uninstalledAt) return null;
  const role = await accountRoleOf(db, userId, r.accountId);
  if (role !== "owner" && role !== "admin") return null;
  return {
    id: r.id,
    accountId: r.accountId,
    accountName: r.accountName,
    applicationId: r.applicationId,
    listingSlug: r.listingSlug,
    pricing: { model: r.pricingModel === "paid" ? "paid" : "free", monthlyPriceCents: r.monthlyPriceCents ?? null },
  };
}

/**
 * Authorize on the consent page of an install: the integration becomes active (in the account the
 * user picked, which may differ from the one the install started in), the listing's install count
 * moves with it, and the partner hears `integration.connected`, all in one transaction.
 */
export async function completeInstall(db: Db, integrationId: string, userId: string, accountId: string): Promise<{ accountId: string }> {
  await requireInstaller(db, userId, accountId);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(integrations).where(eq(integrations.id, integrationId)).for("update");
      if (!row || row.status !== "pending" || row.uninstalledAt) throw new DomainError("CONFLICT", "This install was already completed or cancelled");
      const now = new Date();
      await tx
        .update(integrations)
        .set({ accountId, status: "active", connectedAt: now, installedBy: userId, healthCheckNextAt: new Date(now.getTime() + healthPhase(row.id)), updatedAt: now })
        .where(eq(integrations.id, row.id));
      if (row.listingId) await tx.update(listings).set({ installCount: sql`${listings.installCount} + 1` }).where(eq(listings.id, row.listingId));
      await publishIntegrationEvent(tx, { id: row.id, partnerId: row.partnerId, applicationId: row.applicationId, accountId }, { type: "integration.connected" });
      return { accountId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("ALREADY_INSTALLED", "This app is already installed in that account");
    throw err;
  }
}

/** Deny on the consent page of an install: the pending integration goes, as if never started. */
export async function cancelInstall(db: Db, integrationId: string) {
  await db.delete(integrations).where(and(eq(integrations.id, integrationId), eq(integrations.status, "pending")));
}

export type InstallState = { role: "owner" | "admin" | "member" | null; installed: { id: string; status: string } | null };

/** What the listing page's Install control shows a customer: their role, and the app's live install in their account. */
export async function installStateFor(db: Db, userId: string, accountId: string, applicationId: string): Promise<InstallState> {
  const [role, [row]] = await Promise.all([
    accountRoleOf(db, userId, accountId),
    db
      .select({ id: integrations.id, status: integrations.status })
      .from(integrations)
      .where(and(eq(integrations.accountId, accountId), eq(integrations.applicationId, applicationId), isNull(integrations.uninstalledAt), sql`${integrations.status} <> 'pending'`))
      .limit(1),
  ]);
  return { role, installed: row ?? null };
}
