import { InvalidTransition } from "@/lib/errors";

// The application lifecycle (CONTRACT.md "Applications"): the one table every transition
// endpoint, the portal's buttons and the admin review queue read. A published app's new version
// walks the same steps on the version while the app itself stays published.

export const applicationStatuses = ["draft", "submitted", "in_review", "approved", "rejected", "published", "deprecated"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applicationActions = ["submit", "review", "approve", "reject", "publish", "deprecate"] as const;
export type ApplicationAction = (typeof applicationActions)[number];

/** Who may take a step: the owning partner, a platform admin, or either. */
export type Actor = "partner" | "admin";

type Step = { from: readonly ApplicationStatus[]; to: ApplicationStatus; by: readonly Actor[] };

export const lifecycle: Record<ApplicationAction, Step> = {
  submit: { from: ["draft"], to: "submitted", by: ["partner"] },
  review: { from: ["submitted"], to: "in_review", by: ["admin"] },
  approve: { from: ["in_review"], to: "approved", by: ["admin"] },
  reject: { from: ["submitted", "in_review"], to: "rejected", by: ["admin"] },
  publish: { from: ["approved"], to: "published", by: ["partner"] },
  deprecate: { from: ["published"], to: "deprecated", by: ["partner", "admin"] },
};

/**
 * The status `action` leads to from `current`, or a 409 INVALID_TRANSITION naming `current`.
 * Callers write the new status with `WHERE status IN (lifecycle[action].from)`, so of two
 * concurrent transitions exactly one matches a row; the loser re-reads and gets this error.
 */
export function nextStatus(current: ApplicationStatus, action: ApplicationAction, what = "This application"): ApplicationStatus {
  const step = lifecycle[action];
  if (!step.from.includes(current)) throw new InvalidTransition(current, action, what);
  return step.to;
}

/** Editing a rejected application returns it to draft; other statuses keep theirs. */
export function statusAfterEdit(current: ApplicationStatus): ApplicationStatus {
  return current === "rejected" ? "draft" : current;
}

/** Only an application that was never published may be deleted (installs and tokens may point at it). */
export function isDeletable(app: { publishedAt: Date | null }): boolean {
  return app.publishedAt === null;
}

type VersionRef = { id: string; status: ApplicationStatus };

/** The version on its way through review while another one is live, or null (the API's currentVersion vs liveVersion). */
export function pendingVersionOf<V extends VersionRef>(current: V, live: { id: string } | null): V | null {
  return live && current.id !== live.id ? current : null;
}

/**
 * What the lifecycle acts on. Before the first publish it is the app itself; once published, a
 * newer version walks review on its own while the app stays published with its live version.
 * Deprecation always acts on the app, whatever a newer version is doing.
 */
export function lifecycleSubject(
  appStatus: ApplicationStatus,
  current: VersionRef,
  live: { id: string } | null,
  action?: ApplicationAction,
): { kind: "app" | "version"; status: ApplicationStatus } {
  const pending = action === "deprecate" ? null : pendingVersionOf(current, live);
  return pending ? { kind: "version", status: pending.status } : { kind: "app", status: appStatus };
}

/** The steps `actors` may take now on an app (each on its own subject); none once it is deprecated. */
export function actionsFor(appStatus: ApplicationStatus, current: VersionRef, live: { id: string } | null, actors: readonly Actor[]): ApplicationAction[] {
  if (appStatus === "deprecated") return [];
  return applicationActions.filter((action) => {
    const { status } = lifecycleSubject(appStatus, current, live, action);
    return lifecycle[action].from.includes(status) && actors.some((a) => lifecycle[action].by.includes(a));
  });
}
