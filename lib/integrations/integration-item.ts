import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, accounts, applications, applicationVersions, integrations, listings, partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import { openSecrets, secretFieldNames } from "./config-secrets";
import { Integration, type ListIntegrationsQuery } from "./schemas";

// Who sees an integration: the members of its account, the members of the partner whose app it
// is, and platform admins. Who changes its settings and mappings: an owner or admin of the
// account, signed in. Anyone else gets 404 (never a hint that it exists).

type Row = typeof integrations.$inferSelect;

/** The WHERE fragment of integrations the principal may read (undefined: all, for admins). */
export function visibleIntegrations(p: Principal): SQL | undefined {
  if (isAdmin(p)) return undefined;
  const parts: SQL[] = [];
  // A person may belong to several accounts: every one of them counts, not only the first.
  if (p.type === "session" && p.userId) {
    parts.push(sql`${integrations.accountId} in (select ${accountMembers.accountId} from ${accountMembers} where ${accountMembers.userId} = ${p.userId})`);
  }
  if (p.partnerId) {
    // An app's OAuth token acts for one account: it sees its partner's installs there only.
    parts.push(
      p.type === "oauth" && p.accountId
        ? and(eq(integrations.partnerId, p.partnerId), eq(integrations.accountId, p.accountId))!
        : eq(integrations.partnerId, p.partnerId),
    );
  }
  return parts.length ? or(...parts) : sql`false`;
}

/** Whether the caller may configure it: a signed-in owner or admin of its account. */
function configurable(p: Principal): SQL {
  if (p.type !== "session" || !p.userId) return sql`false`;
  return sql`exists (select 1 from ${accountMembers} m where m.account_id = ${integrations.accountId} and m.user_id = ${p.userId} and m.role in ('owner', 'admin'))`;
}

const columns = (p: Principal) => ({
  row: integrations,
  accountName: accounts.name,
  applicationName: applications.name,
  listingSlug: listings.slug,
  partnerName: partners.name,
  configSchema: applicationVersions.configSchema,
  mappableFields: applicationVersions.mappableFields,
  liveVersionId: applications.liveVersionId,
  canConfigure: sql<boolean>`${configurable(p)}`.as("can_configure"),
});

function baseQuery(db: Db, p: Principal) {
  return db
    .select(columns(p))
    .from(integrations)
    .innerJoin(accounts, eq(accounts.id, integrations.accountId))
    .innerJoin(applications, eq(applications.id, integrations.applicationId))
    .innerJoin(partners, eq(partners.id, integrations.partnerId))
    .leftJoin(listings, eq(listings.id, integrations.listingId))
    .leftJoin(applicationVersions, eq(applicationVersions.id, applications.liveVersionId));
}

export type LoadedIntegration = {
  row: Row;
  accountName: string;
  applicationName: string;
  listingSlug: string | null;
  partnerName: string;
  configSchema: Record<string, unknown> | null;
  mappableFields: string[] | null;
  liveVersionId: string | null;
  canConfigure: boolean;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The row → the API item: secret settings never leave, only whether each is set. */
export function toIntegration(l: LoadedIntegration): Integration {
  const { row } = l;
  const secretNames = secretFieldNames(l.configSchema);
  const stored = secretNames.length ? openSecrets(row.secretConfigCiphertext) : {};
  const config = { ...row.config };
  for (const name of secretNames) delete config[name];
  return Integration.parse({
    id: row.id,
    status: row.status,
    accountId: row.accountId,
    account: { name: l.accountName },
    application: { id: row.applicationId, name: l.applicationName },
    listing: l.listingSlug ? { slug: l.listingSlug } : null,
    partner: { id: row.partnerId, name: l.partnerName },
    config,
    secretFields: secretNames.map((name) => ({ name, set: stored[name] !== undefined && stored[name] !== null })),
    installedAt: row.createdAt.toISOString(),
    connectedAt: iso(row.connectedAt),
    uninstalledAt: iso(row.uninstalledAt),
    lastHealthCheckAt: iso(row.lastHealthCheckAt),
    lastHealthStatus: row.lastHealthStatus,
    consecutiveFailures: row.consecutiveFailures,
    canConfigure: !!l.canConfigure,
  });
}

/** Loads one integration the principal may read, or throws 404. */
export async function loadIntegration(db: Db, principal: Principal, id: string, opts: { forUpdate?: boolean } = {}): Promise<LoadedIntegration> {
  if (!isUuid(id)) throw new NotFound("Integration");
  const q = baseQuery(db, principal).where(and(eq(integrations.id, id), visibleIntegrations(principal)));
  const [l] = await (opts.forUpdate ? q.for("update", { of: integrations }) : q);
  if (!l) throw new NotFound("Integration");
  return l as LoadedIntegration;
}

/**
 * The same, for a change of its settings or mappings: those who may only read it get 403
 * (they know it exists); an uninstalled one is read-only history (409).
 */
export async function loadForConfigure(db: Db, principal: Principal, id: string): Promise<LoadedIntegration> {
  const l = await loadIntegration(db, principal, id, { forUpdate: true });
  if (!l.canConfigure) throw new Forbidden("Only an owner or admin of the account can change this integration");
  if (l.row.uninstalledAt) throw new Conflict("This integration was uninstalled: install the app again to configure it");
  return l;
}

/** GET /integrations/{id}; also what the install flow answers with. */
export async function getIntegration(db: Db, principal: Principal, id: string): Promise<Integration> {
  return toIntegration(await loadIntegration(db, principal, id));
}

/** GET /integrations: newest first, filtered by status, application and account. */
export async function listIntegrations(db: Db, principal: Principal, q: ListIntegrationsQuery): Promise<Page<Integration>> {
  const rows = await baseQuery(db, principal)
    .where(
      and(
        visibleIntegrations(principal),
        q.status ? eq(integrations.status, q.status) : undefined,
        q.applicationId ? eq(integrations.applicationId, q.applicationId) : undefined,
        q.app ? eq(integrations.applicationId, q.app) : undefined,
        q.accountId ? eq(integrations.accountId, q.accountId) : undefined,
        afterCursor(integrations.createdAt, integrations.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(integrations.createdAt, integrations.id))
    .limit(q.limit + 1);
  const loaded = rows as LoadedIntegration[];
  return toPage(
    loaded.map((l) => ({ ...l, createdAt: l.row.createdAt, id: l.row.id })),
    q.limit,
    toIntegration,
  );
}
