import { lifecycleSubject, pendingVersionOf } from "@/lib/applications/lifecycle";
import type { Application, ApplicationStatus } from "./types";
import { statusLabels } from "./types";

// One colour per lifecycle status. Pale chips with dark text: globals.css inverts the accent
// palettes under .dark, so each stays a deep chip with light text there, at the same contrast.
const tones: Record<ApplicationStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-500/25",
  submitted: "bg-sky-50 text-sky-800 ring-sky-600/25",
  in_review: "bg-amber-50 text-amber-800 ring-amber-600/25",
  approved: "bg-teal-50 text-teal-800 ring-teal-600/25",
  rejected: "bg-red-50 text-red-700 ring-red-600/25",
  published: "bg-emerald-50 text-emerald-800 ring-emerald-600/25",
  deprecated: "bg-orange-50 text-orange-800 ring-orange-600/25",
};

export function AppStatusBadge({ status, children }: { status: ApplicationStatus; children?: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`}
    >
      {children ?? statusLabels[status]}
    </span>
  );
}

/** A newer version on its way through review while the live one serves installs, or null. */
export function pendingVersion(app: Pick<Application, "currentVersion" | "liveVersion">) {
  return pendingVersionOf(app.currentVersion, app.liveVersion);
}

/** The status the next lifecycle step acts on: a pending version's, else the app's. */
export function subjectStatus(app: Application): ApplicationStatus {
  return lifecycleSubject(app.status, app.currentVersion, app.liveVersion).status;
}

/** "1.1.0 in review": the pending version in words. */
export function pendingLabel(app: Pick<Application, "currentVersion" | "liveVersion">): string | null {
  const pending = pendingVersion(app);
  return pending ? `${pending.version} ${statusLabels[pending.status].toLowerCase()}` : null;
}

/** What the partner does next, in one line ("Draft — fix failed checks and submit"). */
export function nextStep(app: Application, opts: { checksFailed?: boolean } = {}): string {
  const pending = pendingVersion(app);
  if (app.status === "deprecated") return "Deprecated — installs keep working until the sunset date, then its tokens stop";
  if (pending) {
    const v = `Version ${pending.version}`;
    switch (pending.status) {
      case "draft":
        return opts.checksFailed ? `${v} draft — fix failed checks and submit` : `${v} draft — submit it for review when it's ready`;
      case "submitted":
        return `${v} submitted — waiting for a reviewer; ${app.liveVersion!.version} stays live`;
      case "in_review":
        return `${v} in review — a Portico reviewer is checking it; ${app.liveVersion!.version} stays live`;
      case "approved":
        return `${v} approved — publish it to make it live`;
      case "rejected":
        return `${v} rejected — change what the reviewer asked and resubmit`;
      default:
        return `${v} ${statusLabels[pending.status].toLowerCase()}`;
    }
  }
  switch (app.status) {
    case "draft":
      return opts.checksFailed ? "Draft — fix failed checks and submit" : "Draft — complete the details and submit for review";
    case "submitted":
      return "Submitted — waiting for a Portico reviewer to pick it up";
    case "in_review":
      return "In review — a Portico reviewer is checking it";
    case "approved":
      return "Approved — publish it when you're ready";
    case "rejected":
      return "Rejected — change what the reviewer asked and resubmit";
    case "published":
      return `Published — version ${app.liveVersion?.version ?? app.currentVersion.version} is live`;
    default:
      return statusLabels[app.status];
  }
}
