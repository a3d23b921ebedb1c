import { cookies } from "next/headers";
import type { ReactNode } from "react";
import type { Viewer } from "@/lib/auth/load-viewer";
import { Breadcrumbs } from "./breadcrumbs";
import type { Area } from "./nav";
import { ShellHeader } from "./shell-header";
import { shellViewer } from "./shell-viewer";
import { Sidebar } from "./sidebar";
import { SIDEBAR_COOKIE } from "./sidebar-cookie";
import { SkipLink } from "./skip-link";

/**
 * The signed-in app shell, one per area (portal, marketplace, admin): header, sidebar,
 * breadcrumbs, an optional banner, then the page. Also used for pages that are not the
 * viewer's (no access) and for 404s, drawn in the viewer's own area so the way back is there.
 */
export async function AreaShell({ area, viewer, banner, children }: { area: Area; viewer: Viewer; banner?: ReactNode; children: ReactNode }) {
  const collapsed = (await cookies()).get(SIDEBAR_COOKIE)?.value === "collapsed";
  return (
    <div className="flex min-h-dvh flex-col" data-area={area}>
      <SkipLink />
      <ShellHeader area={area} viewer={shellViewer(viewer)} />
      <div className="flex flex-1">
        <Sidebar area={area} initialCollapsed={collapsed} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none sm:px-6 md:py-6 lg:px-8 print:p-0">
          <div className="mx-auto max-w-6xl">
            <Breadcrumbs area={area} />
            {banner}
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}
