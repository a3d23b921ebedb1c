import { notificationKinds, type NotificationGroup } from "@/lib/notifications/kinds";

// How a notification's kind reads in a list: "Billing · Invoice issued". The catalog is plain data
// (lib/notifications/kinds.ts), so the browser knows every label without asking the API.

export const groupLabels: Record<NotificationGroup, string> = {
  account: "Account",
  applications: "Apps",
  marketplace: "Marketplace",
  integrations: "Integrations",
  webhooks: "Webhooks",
  billing: "Billing",
  support: "Support",
};

const byKind = new Map<string, { label: string; group: NotificationGroup }>(notificationKinds.map((k) => [k.kind, k]));

/** The group's name, from the catalog; a group this build does not know reads as itself, capitalised. */
export function groupLabel(group: string): string {
  return groupLabels[group as NotificationGroup] ?? group.charAt(0).toUpperCase() + group.slice(1);
}

/**
 * The kind's group and label; a kind the catalog lacks (written by a newer server, or an old row
 * whose kind was retired) still reads as something: its group prefix and the rest of its name.
 */
export function kindLabel(kind: string): { group: string; label: string } {
  const info = byKind.get(kind);
  if (info) return { group: groupLabels[info.group], label: info.label };
  const [prefix, ...rest] = kind.split(".");
  const words = (rest.join(" ") || prefix).replace(/_/g, " ");
  return { group: groupLabel(prefix), label: words.charAt(0).toUpperCase() + words.slice(1) };
}
