"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Tooltip } from "@/components/ui/tooltip";
import { isActive, type NavItem } from "./nav";

/**
 * One list of nav links, for the desktop sidebar (optionally icons only) and the phone sheet.
 * A collapsed link keeps its label as its accessible name and shows it in a tooltip.
 */
export function NavList({ items, label, collapsed = false, onNavigate }: { items: NavItem[]; label: string; collapsed?: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="flex flex-col gap-0.5">
        {items.map((item) => {
          const active = isActive(item, pathname);
          const Icon = item.icon;
          const props = {
            href: item.href,
            onClick: onNavigate,
            "aria-current": active ? ("page" as const) : undefined,
            className: `flex items-center gap-3 rounded-md py-2 text-sm font-medium ${collapsed ? "justify-center px-2" : "px-3"} ${
              active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            }`,
          };
          const content = (
            <>
              <Icon aria-hidden className={`size-4 shrink-0 ${active ? "text-brand-700" : "text-slate-500"}`} />
              <span className={collapsed ? "sr-only" : "truncate"}>{item.label}</span>
            </>
          );
          const link = item.document ? <a {...props}>{content}</a> : <Link {...props}>{content}</Link>;
          return <li key={item.href}>{collapsed ? <Tooltip content={item.label}>{link}</Tooltip> : link}</li>;
        })}
      </ul>
    </nav>
  );
}
