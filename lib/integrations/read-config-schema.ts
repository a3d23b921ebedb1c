import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, accounts, applications, applicationVersions, integrations, listings, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";

// What the integration pages read on the server beside the Integrations API: the settings form is
// generated from the config schema of the app's live version (the one PATCH validates against),
// and the pages show the app's logo, which the API's integration item does not carry.

/** Whose page asks: the installing account's (customer) or the app's partner's. Each sees only its own. */
export type IntegrationSide = "account" | "partner";

export type IntegrationSetup = {
  id: string;
  applicationId: string;
  appName: string;
  logoUrl: string | null;
  partnerName: string;
  listingSlug: string | null;
  accountName: string;
  /** The JSON Schema (type object) the config is validated against; null when the app takes no settings. */
  configSchema: Record<string, unknown> | null;
};

/** As the Integrations API sees them: every account the signed-in user belongs to, or the partner's apps. */
function sideFilter(principal: Principal, side: IntegrationSide): SQL {
  if (side === "account") {
    return principal.type === "session" && principal.userId
      ? sql`${integrations.accountId} in (select ${accountMembers.accountId} from ${accountMembers} where ${accountMembers.userId} = ${principal.userId})`
      : sql`false`;
  }
  return principal.partnerId ? eq(integrations.partnerId, principal.partnerId) : sql`false`;
}

/**
 * The integration's app facts and the settings schema of the app's live version (none until a
 * version is live). Another account's or partner's integration is NotFound, like a missing one.
 */
export async function readIntegrationSetup(db: Db, principal: Principal, id: string, side: IntegrationSide): Promise<IntegrationSetup> {
  if (!isUuid(id)) throw new NotFound("Integration");
  const [row] = await db
    .select({
      id: integrations.id,
      applicationId: integrations.applicationId,
      accountName: accounts.name,
      appName: applications.name,
      appLogoUrl: applications.logoUrl,
      listingLogoUrl: listings.logoUrl,
      listingSlug: listings.slug,
      partnerName: partners.name,
      configSchema: applicationVersions.configSchema,
    })
    .from(integrations)
    .innerJoin(applications, eq(applications.id, integrations.applicationId))
    .innerJoin(accounts, eq(accounts.id, integrations.accountId))
    .innerJoin(partners, eq(partners.id, integrations.partnerId))
    .leftJoin(listings, eq(listings.id, integrations.listingId))
    .leftJoin(applicationVersions, eq(applicationVersions.id, applications.liveVersionId))
    .where(and(eq(integrations.id, id), sideFilter(principal, side)))
    .limit(1);
  if (!row) throw new NotFound("Integration");
  return {
    id: row.id,
    applicationId: row.applicationId,
    appName: row.appName,
    logoUrl: row.listingLogoUrl ?? row.appLogoUrl ?? null,
    partnerName: row.partnerName,
    listingSlug: row.listingSlug ?? null,
    accountName: row.accountName,
    configSchema: row.configSchema ?? null,
  };
}

export type InstalledApp = { applicationId: string; name: string; logoUrl: string | null; partnerName: string };

/**
 * The apps installed (now or before) in the caller's account, or of the caller's partner, by
 * application id: the lists' logos, partner names and app filter. An account installs each app
 * once at a time, so this stays small.
 */
export async function readInstalledApps(db: Db, principal: Principal, side: IntegrationSide): Promise<InstalledApp[]> {
  const appIds = db.selectDistinct({ id: integrations.applicationId }).from(integrations).where(sideFilter(principal, side));
  const rows = await db
    .select({
      applicationId: applications.id,
      name: applications.name,
      appLogoUrl: applications.logoUrl,
      listingLogoUrl: listings.logoUrl,
      partnerName: partners.name,
    })
    .from(applications)
    .innerJoin(partners, eq(partners.id, applications.partnerId))
    .leftJoin(listings, eq(listings.applicationId, applications.id))
    .where(inArray(applications.id, appIds))
    .orderBy(applications.name, applications.id);
  return rows.map((r) => ({ applicationId: r.applicationId, name: r.name, logoUrl: r.listingLogoUrl ?? r.appLogoUrl ?? null, partnerName: r.partnerName }));
}
