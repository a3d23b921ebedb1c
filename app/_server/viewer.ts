import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { authOptions } from "@/lib/auth/auth-options";
import { loadViewer, type Viewer } from "@/lib/auth/load-viewer";

export async function getViewer(): Promise<Viewer | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return loadViewer(await getDb(), userId);
}

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}

/** Where a signed-in user lands: admins in the admin area, partners in the portal, customers in the marketplace. */
export function homeFor(viewer: Viewer): string {
  if (viewer.principal.isPlatformAdmin) return "/admin/partners";
  if (viewer.partner) return "/dashboard";
  return "/marketplace";
}
