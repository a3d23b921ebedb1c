import type { Viewer } from "@/lib/auth/load-viewer";
import { areas, type Area } from "./nav";

// What the client side of the shell gets to know about the signed-in user: names only,
// never the principal (scopes, ids) itself.

export type ShellContext = { area: Area; areaLabel: string; name: string; href: string };
export type ShellViewer = { name: string; email: string; contexts: ShellContext[] };

export function shellViewer(viewer: Viewer): ShellViewer {
  const contexts: ShellContext[] = [];
  if (viewer.partner) contexts.push({ area: "partner", areaLabel: areas.partner.label, name: viewer.partner.name, href: areas.partner.home });
  if (viewer.account) contexts.push({ area: "customer", areaLabel: areas.customer.label, name: viewer.account.name, href: areas.customer.home });
  if (viewer.principal.isPlatformAdmin) contexts.push({ area: "admin", areaLabel: areas.admin.label, name: "Portico", href: areas.admin.home });
  return { name: viewer.user.name, email: viewer.user.email, contexts };
}
