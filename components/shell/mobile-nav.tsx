"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Sheet, SheetContent, SheetTrigger } from "@/components/ui/sheet";
import type { NavItem } from "./nav";
import { NavList } from "./nav-list";

export type MobileSection = { label: string; items: NavItem[]; heading?: boolean };

/** Below md: a "Menu" button opening the whole navigation in a sheet from the left. */
export function MobileNav({ title, sections, top }: { title: string; sections: MobileSection[]; top?: ReactNode }) {
  // Open for the page it was opened on: any navigation (a link in it, Back) closes it.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const close = () => setOpenOn(null);
  return (
    <Sheet open={openOn === pathname} onOpenChange={(open) => setOpenOn(open ? pathname : null)}>
      <SheetTrigger className="-ml-1 inline-flex h-9 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 md:hidden">
        <Menu aria-hidden className="size-5" />
        Menu
      </SheetTrigger>
      <SheetContent side="left" title={title}>
        <div className="flex flex-col gap-6">
          {top}
          {sections.map((s) => (
            <div key={s.label}>
              {s.heading && <p className="mb-1 px-3 text-xs font-semibold uppercase tracking-wide text-slate-600">{s.label}</p>}
              <NavList items={s.items} label={s.label} onNavigate={close} />
            </div>
          ))}
        </div>
      </SheetContent>
    </Sheet>
  );
}

export function MenuLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
      {children}
    </Link>
  );
}
