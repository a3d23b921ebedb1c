"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { crumbsFor, type Area } from "./nav";

/** Area › section › page, from the nav map and the path; nothing on pages outside the area's nav (not-found, no-access). */
export function Breadcrumbs({ area }: { area: Area }) {
  const crumbs = crumbsFor(area, usePathname());
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className="mb-3 min-w-0 print:hidden">
      <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600">
        {crumbs.map((c, i) => (
          <li key={`${i}-${c.label}`} className="flex min-w-0 items-center gap-1">
            {i > 0 && <ChevronRight aria-hidden className="size-3.5 shrink-0 text-slate-400" />}
            {c.href ? (
              <Link href={c.href} className="truncate rounded hover:text-slate-900 hover:underline">
                {c.label}
              </Link>
            ) : (
              <span aria-current="page" className="truncate font-medium text-slate-800">
                {c.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
