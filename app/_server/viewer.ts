import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { authOptions } from "@/lib/auth/auth-options";
import { loadViewer, type Viewer } from "@/lib/auth/load-viewer";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import type { PartnerRole } from "@/lib/partners/schemas";
import type { Area } from "@/components/shell/nav";

/** The signed-in user, read once per request however many layouts and pages ask (React's per-request cache). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return loadViewer(await getDb(), userId);
});

/**
 * The signed-in viewer, or a redirect to /signin that comes back to the page asked for.
 * The path is the `x-pathname` request header proxy.ts stamps on every page request
 * (overwriting whatever a client sent), read through the same safe-return rule as sign-in.
 */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(await signInUrl());
  return viewer;
}

export async function signInUrl(): Promise<string> {
  const path = safeReturnPath((await headers()).get("x-pathname"));
  return path && path !== "/" ? `/signin?callbackUrl=${encodeURIComponent(path)}` : "/signin";
}

/** Where a signed-in user lands: admins in the admin area, partners in the portal, customers in the marketplace. */
export function homeFor(viewer: Viewer): string {
  if (viewer.principal.isPlatformAdmin) return "/admin/partners";
  if (viewer.partner) return "/dashboard";
  return "/marketplace";
}

/** The area whose shell (sidebar, header label) a signed-in user sees outside any area: on a 404, on a page that is not for them. */
export function homeArea(viewer: Viewer): Area {
  if (viewer.principal.isPlatformAdmin) return "admin";
  if (viewer.partner) return "partner";
  return "customer";
}

/** How the viewer is signed in, in words, for the no-access page ("you are signed in as a customer"). */
export function viewerKind(viewer: Viewer): "platform admin" | "partner" | "customer" | "user" {
  if (viewer.principal.isPlatformAdmin) return "platform admin";
  if (viewer.partner) return "partner";
  if (viewer.account) return "customer";
  return "user";
}

/** True when the viewer's role in their partner is one of `roles` (pages render <NoAccess need={{ role }} /> otherwise). */
export function hasPartnerRole(viewer: Viewer, roles: readonly PartnerRole[]): boolean {
  const role = viewer.principal.partnerRole;
  return role !== null && roles.includes(role);
}

export type PartnerViewer = Viewer & { partner: NonNullable<Viewer["partner"]> };

/**
 * For pages under (portal): the viewer and their partner, or null for anyone else. Next renders
 * a page alongside its layout, not after it, so the page runs even when the portal layout shows
 * "This page is for partners" instead of it: `if (!viewer) return null;` rather than `viewer.partner!`.
 */
export async function getPartnerViewer(): Promise<PartnerViewer | null> {
  const viewer = await requireViewer();
  return viewer.partner ? (viewer as PartnerViewer) : null;
}
