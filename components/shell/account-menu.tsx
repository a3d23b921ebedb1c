"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { ShellViewer } from "./shell-viewer";

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

/** The signed-in user: who they are, and Sign out. */
export function AccountMenu({ viewer }: { viewer: Pick<ShellViewer, "name" | "email"> }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Account: ${viewer.name}`}
        data-testid="account-menu"
        className="inline-flex items-center gap-2 rounded-full p-0.5 text-sm text-slate-700 hover:bg-slate-100 md:rounded-md md:py-1 md:pl-1 md:pr-2"
      >
        <span aria-hidden className="grid size-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">
          {initials(viewer.name, viewer.email)}
        </span>
        <span className="hidden max-w-40 truncate font-medium lg:inline">{viewer.name}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="z-50 w-64 max-w-[calc(100vw-1rem)] rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg">
        <div className="px-2 py-1.5" data-testid="signed-in-as">
          <p className="truncate font-medium text-slate-900">{viewer.name}</p>
          <p className="truncate text-xs text-slate-600">{viewer.email}</p>
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => signOut({ callbackUrl: "/signin" })}>
          <LogOut aria-hidden className="size-4" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
