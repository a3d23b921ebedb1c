import "server-only";
import type { Viewer } from "@/lib/auth/load-viewer";
import { customerGate, roleGate } from "../../_server/page-gate";
import type { PartnerViewer } from "../../_server/viewer";

/**
 * Who may use the support pages: partner members whose role grants `scope` (every role reads and
 * writes tickets today; the gate keeps the page honest if that changes), and customers. Anyone
 * else is told whom the page is for. Null when the viewer may.
 */
export function supportGate(viewer: Viewer, scope: "read:support" | "write:support" = "read:support") {
  if (viewer.partner) return roleGate(viewer as PartnerViewer, scope);
  return customerGate(viewer);
}
