"use client";

import { Check, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { Area } from "./nav";
import type { ShellContext } from "./shell-viewer";

/**
 * The account/partner switcher slot: which partner or agency the user is acting for, and the
 * other places they may go (an admin who is also a partner member, a partner who browses the
 * marketplace). One context and nowhere else to go: the name alone, no menu.
 */
export function ContextSwitcher({ current, contexts }: { current: Area; contexts: ShellContext[] }) {
  const here = contexts.find((c) => c.area === current);
  const others = contexts.filter((c) => c.area !== current);
  // Nothing to switch and nobody to name (an admin is no partner or agency): the area label says it all.
  if (others.length === 0 && (!here || here.area === "admin")) return null;
  const name = here?.name ?? "Choose where to go";
  if (others.length === 0) {
    return (
      <span className="hidden max-w-48 truncate rounded-md px-2 py-1 text-sm font-medium text-slate-700 sm:inline" data-testid="context-name">
        {name}
      </span>
    );
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Switch account: ${name}`}
        className="hidden max-w-56 items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100 sm:inline-flex"
      >
        <span className="truncate" data-testid="context-name">
          {name}
        </span>
        <ChevronsUpDown aria-hidden className="size-3.5 shrink-0 text-slate-500" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>Switch to</DropdownMenuLabel>
        {contexts.map((c) => (
          <DropdownMenuItem key={c.area} asChild>
            <Link href={c.href} aria-current={c.area === current ? "true" : undefined}>
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="truncate font-medium">{c.name}</span>
                <span className="text-xs text-slate-600">{c.areaLabel}</span>
              </span>
              {c.area === current && <Check aria-hidden className="size-4 text-brand-700" />}
            </Link>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
