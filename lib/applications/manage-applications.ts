import { and, eq, inArray, like, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { syncListingNames } from "@/lib/marketplace/manage-listings";
import { applications, applicationVersions, oauthClients } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { isUniqueViolation } from "@/lib/db/errors";
import { Conflict, Forbidden, Invalid, InvalidTransition } from "@/lib/errors";
import { activePartnerFor } from "@/lib/partners/active-partner";
import { slugify } from "@/lib/partners/slugify";
import { loadApp, toApplication, type LoadedApp, type VersionRow } from "./application-queries";
import { isDeletable, pendingVersionOf, statusAfterEdit } from "./lifecycle";
import { type Application, type CreateApplication, type UpdateApplication, versionedFields } from "./schemas";
import { compareSemver } from "./semver";
import { SecurityChecksFailed } from "./check-errors";
import { checkSubject } from "./check-runs";
import { runStaticChecks, type CheckSubject, type StaticCheckId } from "./security-checks";

const uniq = (xs: string[]) => [...new Set(xs)];

async function freeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name, "app");
  const taken = new Set((await db.select({ slug: applications.slug }).from(applications).where(like(applications.slug, `${base}%`))).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Only the owning partner shapes its app; admins review it. */
export function requireOwner(principal: Principal, l: LoadedApp) {
  if (principal.partnerId !== l.app.partnerId) throw new Forbidden("Only the partner that owns this application can do this");
}

export async function createApplication(db: Db, principal: Principal, input: CreateApplication): Promise<Application> {
  const partner = await activePartnerFor(db, principal);
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await db.transaction(async (tx) => {
        const [app] = await tx
          .insert(applications)
          .values({
            partnerId: partner.id,
            name: input.name,
            slug: await freeSlug(tx, input.name),
            description: input.description,
            category: input.category ?? null,
            websiteUrl: input.websiteUrl ?? null,
            logoUrl: input.logoUrl ?? null,
            privacyPolicyUrl: input.privacyPolicyUrl ?? null,
            supportEmail: input.supportEmail ?? null,
          })
          .returning({ id: applications.id });
        const [version] = await tx
          .insert(applicationVersions)
          .values({
            applicationId: app.id,
            version: input.version,
            requestedScopes: uniq(input.requestedScopes),
            redirectUris: uniq(input.redirectUris),
            webhookUrl: input.webhookUrl ?? null,
            healthCheckUrl: input.healthCheckUrl ?? null,
            scopeJustifications: input.scopeJustifications ?? {},
            configSchema: input.configSchema ?? null,
            mappableFields: uniq(input.mappableFields),
            createdBy: principal.userId,
          })
          .returning({ id: applicationVersions.id });
        await tx.update(applications).set({ currentVersionId: version.id }).where(eq(applications.id, app.id));
        return app.id;
      });
      return toApplication(await loadApp(db, principal, id), principal);
    } catch (err) {
      // Two apps of the same name created at once: the loser takes the next free slug.
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

type Structural = Pick<VersionRow, (typeof versionedFields)[number]>;

/** A value's identity for change detection: lists are sets (order and repeats carry no meaning), objects ignore key order. */
function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, norm(x)]));
    return v ?? null;
  };
  return JSON.stringify(Array.isArray(value) ? [...new Set(value as string[])].sort() : norm(value));
}

/** The versioned fields the input really changes, compared with `base`: resending what is there opens no version. */
function structuralChanges(input: UpdateApplication, base: VersionRow): Partial<Structural> {
  const changes: Partial<Structural> = {};
  for (const field of versionedFields) {
    const next = input[field];
    if (next === undefined) continue;
    const value = Array.isArray(next) ? uniq(next) : next;
    if (canonical(value) !== canonical(base[field])) (changes as Record<string, unknown>)[field] = value;
  }
  return changes;
}

function cosmeticChanges(input: UpdateApplication) {
  const { name, description, category, websiteUrl, logoUrl, privacyPolicyUrl, supportEmail } = input;
  return Object.fromEntries(
    Object.entries({ name, description, category, websiteUrl, logoUrl, privacyPolicyUrl, supportEmail }).filter(([, v]) => v !== undefined),
  );
}

function checkNewVersion(version: string | undefined, changelog: string | undefined, live: VersionRow) {
  const errors = [];
  if (!version) errors.push({ path: "version", message: `a change to a published app needs a new version, higher than ${live.version}` });
  else if (compareSemver(version, live.version) <= 0) errors.push({ path: "version", message: `must be higher than the live ${live.version}` });
  if (!changelog) errors.push({ path: "changelog", message: "say what changed in this version" });
  if (errors.length) throw new Invalid(errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);
}

/**
 * Cosmetic fields apply at once. Before the first publish, everything edits the one version
 * (an edit of a rejected app returns it to draft). Once published, a versioned change opens (or
 * edits) a newer version that goes through review while the live one keeps serving installs.
 */
export async function updateApplication(db: Db, principal: Principal, id: string, input: UpdateApplication): Promise<Application> {
  await activePartnerFor(db, principal);
  await db.transaction(async (tx) => {
    const l = await loadApp(tx, principal, id, { forUpdate: true });
    requireOwner(principal, l);
    const { app, current, live } = l;
    if (app.status === "deprecated") throw new InvalidTransition(app.status, "be edited", "This application");
    const cosmetic = cosmeticChanges(input);
    const now = new Date();

    if (!live) {
      if (!["draft", "rejected"].includes(app.status)) throw new InvalidTransition(app.status, "be edited", "This application");
      const status = statusAfterEdit(app.status);
      await tx.update(applications).set({ ...cosmetic, status, updatedAt: now }).where(eq(applications.id, app.id));
      await tx
        .update(applicationVersions)
        .set({ ...structuralChanges(input, current), ...versionFields(input), status, updatedAt: now })
        .where(eq(applicationVersions.id, current.id));
      if (input.name) await syncListingNames(tx, { applicationId: app.id });
      return;
    }

    const pending = pendingVersionOf(current, live);
    const changes = structuralChanges(input, pending ?? live);
    // Resending the version already there (the live one, or the pending one) opens nothing.
    const versioning = Object.keys(changes).length > 0 || (input.version !== undefined && input.version !== (pending ?? live).version);
    if (versioning || (pending && input.changelog !== undefined)) {
      if (pending && !["draft", "rejected"].includes(pending.status)) {
        throw new InvalidTransition(pending.status, "be edited", `Version ${pending.version}`);
      }
      checkNewVersion(input.version ?? pending?.version, input.changelog ?? pending?.changelog, live);
      if (pending) {
        await tx
          .update(applicationVersions)
          .set({ ...changes, ...versionFields(input), status: statusAfterEdit(pending.status), updatedAt: now })
          .where(eq(applicationVersions.id, pending.id));
      } else {
        const [created] = await tx
          .insert(applicationVersions)
          .values({
            applicationId: app.id,
            version: input.version!,
            changelog: input.changelog!,
            requestedScopes: live.requestedScopes,
            redirectUris: live.redirectUris,
            webhookUrl: live.webhookUrl,
            healthCheckUrl: live.healthCheckUrl,
            scopeJustifications: live.scopeJustifications,
            configSchema: live.configSchema,
            mappableFields: live.mappableFields,
            ...changes,
            createdBy: principal.userId,
          })
          .returning({ id: applicationVersions.id });
        await tx.update(applications).set({ currentVersionId: created.id }).where(eq(applications.id, app.id));
      }
    } else if (pending?.status === "rejected" && Object.keys(cosmetic).length) {
      // Any edit answers a rejection, as before the first publish: the version is a draft again.
      await tx.update(applicationVersions).set({ status: "draft", updatedAt: now }).where(eq(applicationVersions.id, pending.id));
    }
    await vetLiveCosmetics(tx, l, cosmetic);
    await tx.update(applications).set({ ...cosmetic, updatedAt: now }).where(eq(applications.id, app.id));
    // The consent page names the client: it follows the app's name.
    if (input.name && l.client) await tx.update(oauthClients).set({ name: input.name, updatedAt: now }).where(eq(oauthClients.id, l.client.id));
    // So does its marketplace listing (and the listing's search vector).
    if (input.name) await syncListingNames(tx, { applicationId: app.id });
  }).catch((err) => {
    if (isUniqueViolation(err)) throw new Conflict(`Version ${input.version} already exists`, [{ path: "version", message: "already exists" }]);
    throw err;
  });
  return toApplication(await loadApp(db, principal, id), principal);
}

/**
 * Cosmetic fields of a published app skip review, so they must still pass their checks; a new name
 * must pass outright (what is only a warning for a reviewer to weigh has no reviewer here).
 */
const cosmeticChecks: Partial<Record<string, StaticCheckId>> = {
  privacyPolicyUrl: "privacy_policy_url",
  supportEmail: "support_email",
  logoUrl: "logo_url_https",
  name: "name_not_reserved",
};

async function vetLiveCosmetics(db: Db, l: LoadedApp, cosmetic: Record<string, unknown>) {
  const changed = Object.keys(cosmetic).filter((f) => cosmetic[f] !== (l.app as Record<string, unknown>)[f]);
  const only = changed.flatMap((f) => cosmeticChecks[f] ?? []);
  if (!only.length) return;
  const others = only.includes("name_not_reserved")
    ? await db
        .select({ name: applications.name })
        .from(applications)
        .where(and(inArray(applications.status, ["published", "deprecated"]), ne(applications.id, l.app.id)))
    : [];
  const subject = { ...checkSubject(l), ...cosmetic } as CheckSubject;
  const ctx = { partnerTier: "standard" as const, otherAppNames: others.map((o) => o.name), allowPrivateUrls: config().WEBHOOK_ALLOW_PRIVATE_URLS };
  const results = await runStaticChecks(subject, ctx, only);
  const refused = results.filter((r) => r.status === "failed" || (r.check === "name_not_reserved" && r.status !== "passed"));
  if (refused.length) throw new SecurityChecksFailed(refused);
}

function versionFields(input: UpdateApplication) {
  return {
    ...(input.version !== undefined ? { version: input.version } : {}),
    ...(input.changelog !== undefined ? { changelog: input.changelog } : {}),
  };
}

export async function deleteApplication(db: Db, principal: Principal, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const l = await loadApp(tx, principal, id, { forUpdate: true });
    requireOwner(principal, l);
    if (!isDeletable(l.app)) throw new InvalidTransition(l.app.status, "be deleted (it was published: deprecate it instead)", "This application");
    await tx.delete(applications).where(and(eq(applications.id, l.app.id), eq(applications.partnerId, l.app.partnerId)));
  });
}
