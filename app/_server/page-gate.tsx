import "server-only";
import { NoAccess } from "@/components/feedback/no-access";
import { areas } from "@/components/shell/nav";
import { hasScope } from "@/lib/auth/scopes";
import { rolesGranting } from "@/lib/auth/session-scopes";
import type { Viewer } from "@/lib/auth/load-viewer";
import { homeArea, viewerKind, type PartnerViewer } from "./viewer";

// Page-level gates inside an area the viewer may enter: the page names what it needs and the way
// back, in the viewer's own shell, instead of a silent redirect or an API error in the middle of it.

/** "You need the owner, admin or developer role", for a partner member whose role lacks `scope`; null when it has it. */
export function roleGate(viewer: PartnerViewer, scope: string) {
  if (hasScope(viewer.principal.scopes, scope)) return null;
  return (
    <NoAccess
      need={{ role: rolesGranting(scope) }}
      signedInAs="partner"
      orgName={viewer.partner.name}
      currentRole={viewer.principal.partnerRole}
      home={{ href: areas.partner.home, label: areas.partner.label }}
    />
  );
}

/** "This page is for customers", for anyone signed in without an agency; null for a customer. */
export function customerGate(viewer: Viewer) {
  if (viewer.account) return null;
  const area = homeArea(viewer);
  return (
    <NoAccess
      need={{ customer: true }}
      signedInAs={viewerKind(viewer)}
      orgName={viewer.partner?.name}
      home={{ href: areas[area].home, label: areas[area].label }}
    />
  );
}
