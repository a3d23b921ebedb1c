"use client";

import { AccountMenu } from "./account-menu";
import { ContextSwitcher } from "./context-switcher";
import { Logo } from "./logo";
import { MobileNav, MenuLink } from "./mobile-nav";
import { NotificationsBell } from "./notifications-bell";
import { areas, resourcesFor, type Area } from "./nav";
import type { ShellViewer } from "./shell-viewer";
import { ThemeToggle } from "./theme-toggle";

/** The signed-in header: Menu (phones), Portico, the area, the account switcher slot, theme and account menus. */
export function ShellHeader({ area, viewer }: { area: Area; viewer: ShellViewer }) {
  const { label, home, nav } = areas[area];
  const others = viewer.contexts.filter((c) => c.area !== area);
  const here = viewer.contexts.find((c) => c.area === area);
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white print:hidden">
      <div className="flex h-14 items-center gap-2 px-3 sm:gap-3 sm:px-4">
        <MobileNav
          title={label}
          top={
            <div className="border-b border-slate-200 pb-4">
              <p className="truncate px-3 text-sm font-semibold text-slate-900">{here && here.area !== "admin" ? here.name : viewer.name}</p>
              <p className="truncate px-3 text-xs text-slate-600">Signed in as {viewer.email}</p>
              {others.length > 0 && (
                <div className="mt-2">
                  {others.map((c) => (
                    <MenuLink key={c.area} href={c.href}>
                      Switch to {c.name} <span className="text-slate-600">· {c.areaLabel}</span>
                    </MenuLink>
                  ))}
                </div>
              )}
            </div>
          }
          sections={[
            { label, items: nav },
            { label: "Resources", items: resourcesFor(area), heading: true },
          ]}
        />
        <Logo href={home} hideNameOnPhone />
        <span aria-hidden className="hidden h-5 w-px bg-slate-200 sm:block" />
        <span className="hidden truncate text-sm font-medium text-slate-600 sm:block" data-testid="area-label">
          {label}
        </span>
        <div className="ml-auto flex min-w-0 items-center gap-1 sm:gap-2">
          <ContextSwitcher current={area} contexts={viewer.contexts} />
          <NotificationsBell />
          <ThemeToggle />
          <AccountMenu viewer={viewer} />
        </div>
      </div>
    </header>
  );
}
