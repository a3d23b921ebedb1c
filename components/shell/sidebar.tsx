"use client";

import { PanelLeftClose, PanelLeftOpen } from "lucide-react";
import { useState } from "react";
import { resourcesFor, areas, type Area } from "./nav";
import { NavList } from "./nav-list";
import { SIDEBAR_COOKIE } from "./sidebar-cookie";

/**
 * The desktop sidebar (md and up; below that the header's Menu opens the same nav in a sheet).
 * Collapsing keeps the icons; the choice is a cookie, so the server renders it the same way
 * on the next page load instead of flashing open first.
 */
export function Sidebar({ area, initialCollapsed }: { area: Area; initialCollapsed: boolean }) {
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  const { label, nav } = areas[area];
  const toggle = () => {
    const next = !collapsed;
    setCollapsed(next);
    document.cookie = `${SIDEBAR_COOKIE}=${next ? "collapsed" : "open"}; path=/; max-age=31536000; samesite=lax`;
  };
  return (
    <aside
      data-testid="sidebar"
      data-collapsed={collapsed || undefined}
      className={`sticky top-14 hidden h-[calc(100dvh-3.5rem)] shrink-0 flex-col border-r border-slate-200 bg-white transition-[width] duration-150 md:flex print:hidden ${
        collapsed ? "w-16" : "w-60"
      }`}
    >
      <div id="sidebar-nav" className="flex min-h-0 flex-1 flex-col gap-6 overflow-y-auto px-3 py-4">
        <NavList items={nav} label={label} collapsed={collapsed} />
        <div>
          {!collapsed && <p className="mb-1 px-3 text-xs font-semibold uppercase tracking-wide text-slate-600">Resources</p>}
          <NavList items={resourcesFor(area)} label="Resources" collapsed={collapsed} />
        </div>
      </div>
      <div className="border-t border-slate-200 p-3">
        <button
          type="button"
          onClick={toggle}
          aria-controls="sidebar-nav"
          aria-expanded={!collapsed}
          className={`flex w-full items-center gap-3 rounded-md py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 ${
            collapsed ? "justify-center px-2" : "px-3"
          }`}
        >
          {collapsed ? <PanelLeftOpen aria-hidden className="size-4" /> : <PanelLeftClose aria-hidden className="size-4" />}
          <span className={collapsed ? "sr-only" : ""}>{collapsed ? "Expand sidebar" : "Collapse sidebar"}</span>
        </button>
      </div>
    </aside>
  );
}
