import type { ReactNode } from "react";
import type { NavItem } from "./nav";
import { SideNav } from "./side-nav";

export function SectionLayout({ nav, label, banner, children }: { nav: NavItem[]; label: string; banner?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
      <aside className="md:w-52 md:shrink-0">
        <p className="mb-2 hidden px-3 text-xs font-semibold uppercase tracking-wide text-slate-500 md:block">{label}</p>
        <SideNav items={nav} label={label} />
      </aside>
      <main className="min-w-0 flex-1">
        {banner}
        {children}
      </main>
    </div>
  );
}
