// Shapes as the API returns them (JSON), for the portal's client components: the API's own types.
import type { ApplicationStatus } from "@/lib/applications/lifecycle";

export type {
  Application,
  ApplicationVersion,
  PublishedApplication,
  SecurityCheck,
  SecurityCheckList,
  SigningSecret,
  TimelineEntry,
} from "@/lib/applications/schemas";
export type { ApplicationAction, ApplicationStatus } from "@/lib/applications/lifecycle";
export { applicationStatuses } from "@/lib/applications/lifecycle";

/** The app page's tabs, as they appear in `?tab=`. */
export const appTabs = ["overview", "versions", "checks", "credentials", "timeline"] as const;
export type AppTab = (typeof appTabs)[number];

/** The status words a partner reads. */
export const statusLabels: Record<ApplicationStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  in_review: "In review",
  approved: "Approved",
  rejected: "Rejected",
  published: "Published",
  deprecated: "Deprecated",
};

/** A check's description by id (lib/applications/security-checks.ts `checkDescriptions`, handed over by the page). */
export type CheckDescriptions = Record<string, string>;
