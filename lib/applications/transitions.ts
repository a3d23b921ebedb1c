import { and, countDistinct, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, applications, applicationVersions, integrations, oauthClients } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { missingScopes } from "@/lib/auth/scopes";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import { seal } from "@/lib/crypto/secret-box";
import { DomainError, Forbidden, Invalid, InvalidTransition } from "@/lib/errors";
import { revokeClientTokens } from "@/lib/oauth/manage-clients";
import { notify } from "@/lib/notifications/notify";
import { forgetTokens } from "@/lib/oauth/token-cache";
import { generateClientId, generateClientSecret, hashSecret } from "@/lib/oauth/token-format";
import { activePartnerFor } from "@/lib/partners/active-partner";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import { loadApp, subjectOf, toApplication, type LoadedApp } from "./application-queries";
import { SecurityChecksFailed } from "./check-errors";
import { runStaticCheckSet, startProbes } from "./check-runs";
import { lifecycle, nextStatus, type ApplicationAction, type ApplicationStatus } from "./lifecycle";
import { requireOwner } from "./manage-applications";
import type { Application, ApproveApplication, DeprecateApplication, PublishedApplication, RejectApplication } from "./schemas";

const MIN_SUNSET_NOTICE_MS = 30 * 24 * 60 * 60 * 1000;

/** Who may take the step: the owning partner (while active) or a platform admin, as the lifecycle table says. */
async function authorizeStep(db: Db, principal: Principal, l: LoadedApp, action: ApplicationAction) {
  const by = lifecycle[action].by;
  if (by.includes("partner") && principal.partnerId === l.app.partnerId) {
    await activePartnerFor(db, principal);
    return;
  }
  if (by.includes("admin") && isAdmin(principal)) {
    // Review is a second pair of eyes: an admin who is also a member of the app's partner does not review it.
    if (!by.includes("partner") && principal.partnerId === l.app.partnerId) {
      throw new Forbidden("You are a member of this application's partner: another platform admin reviews it");
    }
    return;
  }
  if (by.includes("partner") && !by.includes("admin")) requireOwner(principal, l);
  throw new Forbidden(`Only platform admins can ${action} an application`);
}

function what(l: LoadedApp, kind: "app" | "version") {
  return kind === "version" ? `Version ${l.current.version} of ${l.app.name}` : `${l.app.name}`;
}

/** The status the step leads to, or 409 naming the current one. A deprecated app takes no more steps. */
function stepFrom(l: LoadedApp, action: ApplicationAction): { kind: "app" | "version"; from: ApplicationStatus; to: ApplicationStatus } {
  if (l.app.status === "deprecated") throw new InvalidTransition("deprecated", action, l.app.name);
  const subject = subjectOf(l, action);
  return { kind: subject.kind, from: subject.status, to: nextStatus(subject.status, action, what(l, subject.kind)) };
}

type StepWrite = { app?: Partial<typeof applications.$inferInsert>; version?: Partial<typeof applicationVersions.$inferInsert>; details?: Record<string, unknown> };

/**
 * Locks the app row, re-checks the step against what is stored now, and writes it. Of two
 * concurrent steps on one app the second waits for the lock, then finds the new status: a 409.
 */
async function takeStep(
  db: Db,
  principal: Principal,
  id: string,
  action: ApplicationAction,
  audit: AuditContext,
  write: (l: LoadedApp, step: ReturnType<typeof stepFrom>, tx: Db) => Promise<StepWrite>,
): Promise<LoadedApp> {
  return db.transaction(async (tx) => {
    const l = await loadApp(tx, principal, id, { forUpdate: true });
    await authorizeStep(tx, principal, l, action);
    const step = stepFrom(l, action);
    const w = await write(l, step, tx);
    const now = new Date();
    const versionStatus = action === "deprecate" ? undefined : step.to;
    if (step.kind === "app") {
      await tx
        .update(applications)
        .set({ ...w.app, status: step.to, updatedAt: now })
        .where(eq(applications.id, l.app.id));
    } else if (w.app) {
      await tx.update(applications).set({ ...w.app, updatedAt: now }).where(eq(applications.id, l.app.id));
    }
    if (versionStatus || w.version) {
      await tx
        .update(applicationVersions)
        .set({ ...w.version, ...(versionStatus ? { status: versionStatus } : {}), updatedAt: now })
        .where(eq(applicationVersions.id, l.current.id));
    }
    await recordAudit(
      tx,
      principal,
      {
        action: `application.${action}`,
        targetType: "applications",
        targetId: l.app.id,
        partnerId: l.app.partnerId,
        details: { from: step.from, to: step.to, version: l.current.version, ...(step.kind === "version" ? { update: true } : {}), ...w.details },
      },
      audit,
    );
    return l;
  });
}

const reload = async (db: Db, principal: Principal, id: string) => toApplication(await loadApp(db, principal, id), principal);

/**
 * Runs the checks first, outside the lock (they may resolve DNS), then takes the step only if
 * nothing failed and the version was not edited meanwhile. The probes start once submitted.
 */
export async function submitApplication(db: Db, principal: Principal, id: string, audit: AuditContext = {}): Promise<Application> {
  const before = await loadApp(db, principal, id);
  await authorizeStep(db, principal, before, "submit");
  stepFrom(before, "submit");
  const results = await runStaticCheckSet(db, before);
  const failed = results.filter((r) => r.status === "failed");
  if (failed.length) throw new SecurityChecksFailed(failed);
  const l = await takeStep(db, principal, id, "submit", audit, async (now) => {
    if (now.current.id !== before.current.id || now.current.updatedAt.getTime() !== before.current.updatedAt.getTime() || now.app.updatedAt.getTime() !== before.app.updatedAt.getTime()) {
      throw new DomainError("CONFLICT", "The application changed while its checks ran; submit again", [{ path: "status", message: "changed during submit" }]);
    }
    const at = new Date();
    return {
      app: now.app.publishedAt ? {} : { submittedAt: at },
      version: { submittedAt: at, reviewNotes: null },
      details: { warnings: results.filter((r) => r.status === "warning").map((r) => r.check) },
    };
  });
  await startProbes(db, l);
  return reload(db, principal, id);
}

export async function startReview(db: Db, principal: Principal, id: string, audit: AuditContext = {}): Promise<Application> {
  await takeStep(db, principal, id, "review", audit, async () => ({ version: { reviewedBy: principal.userId } }));
  return reload(db, principal, id);
}

export async function approveApplication(db: Db, principal: Principal, id: string, input: ApproveApplication, audit: AuditContext = {}): Promise<Application> {
  await takeStep(db, principal, id, "approve", audit, async (l, _step, tx) => {
    const at = new Date();
    const review = { reviewedAt: at, reviewedBy: principal.userId, reviewNotes: input.notes || null };
    // In the step's transaction: a decision is never taken without the partner being told.
    await notify(tx, {
      kind: "application.approved",
      to: { partner: l.app.partnerId },
      partnerId: l.app.partnerId,
      title: `${l.app.name} ${l.current.version} is approved`,
      body: input.notes ? `Reviewer's notes: ${input.notes}\n\nPublish it when you are ready.` : "Publish it when you are ready.",
      link: `/apps/${l.app.id}`,
    });
    return { app: review, version: { ...review, reviewChecklist: input.checklist ?? {} }, details: input.notes ? { notes: input.notes } : {} };
  });
  return reload(db, principal, id);
}

export async function rejectApplication(db: Db, principal: Principal, id: string, input: RejectApplication, audit: AuditContext = {}): Promise<Application> {
  await takeStep(db, principal, id, "reject", audit, async (l, _step, tx) => {
    const at = new Date();
    const review = { reviewedAt: at, reviewedBy: principal.userId, reviewNotes: input.reason };
    await notify(tx, {
      kind: "application.rejected",
      to: { partner: l.app.partnerId },
      partnerId: l.app.partnerId,
      title: `${l.app.name} ${l.current.version} needs changes`,
      body: `${input.reason}\n\nEdit the app and submit it again.`,
      link: `/apps/${l.app.id}`,
    });
    return { app: review, version: { ...review, reviewChecklist: input.checklist ?? {} }, details: { reason: input.reason } };
  });
  return reload(db, principal, id);
}

/**
 * Makes the approved version live: the first publish creates the app's OAuth client (confidential,
 * authorization_code + refresh_token) and signing secret; a later one moves the client to the new
 * version's redirect URIs and scopes. Tokens keep working unless the scopes narrowed.
 */
export async function publishApplication(db: Db, principal: Principal, id: string, audit: AuditContext = {}): Promise<PublishedApplication> {
  let clientSecret: string | undefined;
  await takeStep(db, principal, id, "publish", audit, async (l, _step, tx) => {
    const v = l.current;
    const at = new Date();
    const [existing] = await tx.select().from(oauthClients).where(eq(oauthClients.applicationId, l.app.id));
    const terms = { redirectUris: v.redirectUris, scopes: v.requestedScopes, grantTypes: ["authorization_code", "refresh_token"] };
    if (existing) {
      // Narrowed: the tokens minted under the wider terms go, with the change (token issuance trims to the client's scopes too).
      if (missingScopes(v.requestedScopes, existing.scopes).length) await revokeClientTokens(tx, existing.id, at);
      await tx
        .update(oauthClients)
        .set({ ...terms, name: l.app.name, updatedAt: at })
        .where(eq(oauthClients.id, existing.id));
    } else {
      clientSecret = generateClientSecret();
      await tx.insert(oauthClients).values({
        partnerId: l.app.partnerId,
        applicationId: l.app.id,
        name: l.app.name,
        clientId: generateClientId(),
        secretHash: hashSecret(clientSecret),
        secretLast4: clientSecret.slice(-4),
        type: "confidential",
        createdBy: principal.userId,
        ...terms,
      });
    }
    return {
      app: {
        liveVersionId: v.id,
        status: "published",
        ...(l.app.publishedAt ? {} : { publishedAt: at }),
        ...(l.app.signingSecretCiphertext ? {} : { signingSecretCiphertext: seal(generateWebhookSecret()) }),
      },
      version: { publishedAt: at },
      details: { clientCreated: !existing },
    };
  });
  forgetTokens();
  const app = await reload(db, principal, id);
  return clientSecret ? { ...app, clientSecret } : app;
}

export async function deprecateApplication(db: Db, principal: Principal, id: string, input: DeprecateApplication, audit: AuditContext = {}): Promise<Application> {
  const sunsetAt = new Date(input.sunsetAt);
  const now = Date.now();
  if (sunsetAt.getTime() <= now) throw new Invalid("sunsetAt must be in the future", [{ path: "sunsetAt", message: "must be in the future" }]);
  if (!isAdmin(principal) && sunsetAt.getTime() < now + MIN_SUNSET_NOTICE_MS) {
    throw new Invalid("sunsetAt must be at least 30 days ahead, so installers can move", [{ path: "sunsetAt", message: "at least 30 days ahead" }]);
  }
  await takeStep(db, principal, id, "deprecate", audit, async (l, _step, tx) => {
    // The accounts whose members notify() reaches (the same join): an account without members hears nothing, so it is not counted.
    const [{ accounts }] = await tx
      .select({ accounts: countDistinct(integrations.accountId) })
      .from(integrations)
      .innerJoin(accountMembers, eq(accountMembers.accountId, integrations.accountId))
      .where(and(eq(integrations.applicationId, l.app.id), isNull(integrations.uninstalledAt)));
    await notify(tx, {
      kind: "application.deprecated",
      to: { installersOf: l.app.id },
      title: `${l.app.name} will stop working on ${sunsetAt.toISOString().slice(0, 10)}`,
      body: input.message,
      link: "/installed",
    });
    return {
      app: { deprecatedAt: new Date(), sunsetAt, deprecationMessage: input.message },
      details: { sunsetAt: sunsetAt.toISOString(), message: input.message, installersNotified: accounts },
    };
  });
  // Token checks read the app's sunset: cached records must not outlive the change.
  forgetTokens();
  return reload(db, principal, id);
}
