import { Badge, type Tone } from "@/components/ui/badge";
import type { IntegrationStatus } from "./types";

// An integration's status in one word, with a tone, and in a sentence for the page's summary.

const tones: Record<IntegrationStatus, Tone> = {
  pending: "yellow",
  active: "green",
  degraded: "yellow",
  failed: "red",
  disconnected: "gray",
};

export const statusLabels: Record<IntegrationStatus, string> = {
  pending: "Pending",
  active: "Active",
  degraded: "Degraded",
  failed: "Failed",
  disconnected: "Disconnected",
};

export function IntegrationStatusBadge({ status }: { status: IntegrationStatus }) {
  return <Badge tone={tones[status] ?? "gray"}>{status}</Badge>;
}

/** What the status means for the person reading it. */
export function statusSentence(status: IntegrationStatus, consecutiveFailures: number, side: "customer" | "partner", checked = true): string {
  const failures = consecutiveFailures === 1 ? "1 health check in a row has failed" : `${consecutiveFailures} health checks in a row have failed`;
  switch (status) {
    case "pending":
      return side === "customer" ? "Waiting for the app to be authorized on the consent page." : "Installed, waiting for the customer to authorize it.";
    case "active":
      if (!checked) return "Connected. Not health-checked yet: checks run every 5 minutes when the app has a health check URL.";
      if (consecutiveFailures === 0) return "Working: the last health check passed.";
      return `Working, but ${consecutiveFailures === 1 ? "the last health check" : `the last ${consecutiveFailures} health checks`} failed (3 in a row make it degraded).`;
    case "degraded":
      return `${failures}. At 6 it is marked failed and ${side === "customer" ? "the app's developer is" : "you are"} notified.`;
    case "failed":
      return `${failures}. The first check that passes makes it active again.`;
    case "disconnected":
      return side === "customer"
        ? "Uninstalled: the app has no access to your agency any more. Its history stays here."
        : "Uninstalled by the customer: your app's access to the account was revoked.";
  }
}
