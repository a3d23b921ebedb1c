import { and, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, applicationVersions, oauthClients, partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import { actionsFor, lifecycleSubject, type Actor, type ApplicationAction } from "./lifecycle";
import { Application, ApplicationVersion, type ListApplicationsQuery } from "./schemas";

export type AppRow = typeof applications.$inferSelect;
export type VersionRow = typeof applicationVersions.$inferSelect;
export type LoadedApp = { app: AppRow; partnerName: string; current: VersionRow; live: VersionRow | null; client: { id: string; clientId: string } | null };

/** Apps the principal may see: its partner's, or every app for a platform admin. */
export function visibleApps(p: Principal): SQL | undefined {
  if (isAdmin(p)) return undefined;
  return p.partnerId ? eq(applications.partnerId, p.partnerId) : sql`false`;
}

/** What `action` (by default any review step) acts on: the app, or its pending version (lifecycle.ts). */
export function subjectOf(l: Pick<LoadedApp, "app" | "current" | "live">, action?: ApplicationAction) {
  return lifecycleSubject(l.app.status, l.current, l.live, action);
}

export function actorOf(p: Principal, app: AppRow): Actor[] {
  const actors: Actor[] = [];
  if (p.partnerId === app.partnerId) actors.push("partner");
  if (isAdmin(p)) actors.push("admin");
  return actors;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toVersion(v: VersionRow): ApplicationVersion {
  return ApplicationVersion.parse({
    id: v.id,
    version: v.version,
    status: v.status,
    requestedScopes: v.requestedScopes,
    scopeJustifications: v.scopeJustifications ?? {},
    redirectUris: v.redirectUris,
    webhookUrl: v.webhookUrl,
    healthCheckUrl: v.healthCheckUrl,
    configSchema: v.configSchema ?? null,
    mappableFields: v.mappableFields,
    changelog: v.changelog,
    reviewNotes: v.reviewNotes,
    submittedAt: iso(v.submittedAt),
    reviewedAt: iso(v.reviewedAt),
    publishedAt: iso(v.publishedAt),
    createdAt: v.createdAt.toISOString(),
  });
}

export function toApplication(l: LoadedApp, principal: Principal): Application {
  const { app } = l;
  return Application.parse({
    id: app.id,
    slug: app.slug,
    name: app.name,
    description: app.description,
    status: app.status,
    partnerId: app.partnerId,
    partnerName: l.partnerName,
    category: app.category,
    websiteUrl: app.websiteUrl,
    logoUrl: app.logoUrl,
    privacyPolicyUrl: app.privacyPolicyUrl,
    supportEmail: app.supportEmail,
    oauthClientId: l.client?.id ?? null,
    clientId: l.client?.clientId ?? null,
    currentVersion: toVersion(l.current),
    liveVersion: l.live ? toVersion(l.live) : null,
    actions: actionsFor(app.status, l.current, l.live, actorOf(principal, app)),
    sunsetAt: iso(app.sunsetAt),
    deprecationMessage: app.deprecationMessage,
    publishedAt: iso(app.publishedAt),
    deprecatedAt: iso(app.deprecatedAt),
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  });
}

/** Loads apps with their versions, partner name and client in three queries, whatever the count. */
async function loadMany(db: Db, rows: AppRow[]): Promise<LoadedApp[]> {
  if (!rows.length) return [];
  const versionIds = [...new Set(rows.flatMap((r) => [r.currentVersionId, r.liveVersionId]).filter((x): x is string => !!x))];
  const [versions, names, clients] = await Promise.all([
    versionIds.length ? db.select().from(applicationVersions).where(inArray(applicationVersions.id, versionIds)) : [],
    db
      .select({ id: partners.id, name: partners.name })
      .from(partners)
      .where(inArray(partners.id, [...new Set(rows.map((r) => r.partnerId))])),
    db
      .select({ id: oauthClients.id, clientId: oauthClients.clientId, applicationId: oauthClients.applicationId })
      .from(oauthClients)
      .where(inArray(oauthClients.applicationId, rows.map((r) => r.id))),
  ]);
  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.map((app) => {
    const current = byId.get(app.currentVersionId ?? "");
    // Every app is created with a version in the same transaction; a missing one is a bug, not a 404.
    if (!current) throw new Error(`application ${app.id} has no current version`);
    const client = clients.find((c) => c.applicationId === app.id);
    return {
      app,
      partnerName: names.find((n) => n.id === app.partnerId)?.name ?? "",
      current,
      live: app.liveVersionId ? (byId.get(app.liveVersionId) ?? null) : null,
      client: client ? { id: client.id, clientId: client.clientId } : null,
    };
  });
}

/** The app if the principal may see it; another partner's app is a 404 like a missing one. */
export async function loadApp(db: Db, principal: Principal, id: string, opts: { forUpdate?: boolean } = {}): Promise<LoadedApp> {
  if (!isUuid(id)) throw new NotFound("Application");
  const q = db
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), visibleApps(principal)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFound("Application");
  const [loaded] = await loadMany(db, [row]);
  return loaded;
}

export async function getApplication(db: Db, principal: Principal, id: string): Promise<Application> {
  return toApplication(await loadApp(db, principal, id), principal);
}

export async function listApplications(db: Db, principal: Principal, q: ListApplicationsQuery): Promise<Page<Application>> {
  const rows = await db
    .select()
    .from(applications)
    .where(
      and(
        visibleApps(principal),
        q.partnerId && isAdmin(principal) ? eq(applications.partnerId, q.partnerId) : undefined,
        q.status ? eq(applications.status, q.status) : undefined,
        q.q ? ilike(applications.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        afterCursor(applications.createdAt, applications.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(applications.createdAt, applications.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  const loaded = await loadMany(db, page.data);
  return { data: loaded.map((l) => toApplication(l, principal)), nextCursor: page.nextCursor };
}
