import Link from "next/link";
import type { Viewer } from "@/lib/auth/load-viewer";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ viewer }: { viewer: Viewer | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4">
        <div className="flex items-center gap-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm text-white">P</span>
            Portico
          </Link>
          <nav aria-label="Sections" className="hidden gap-4 text-sm text-slate-600 sm:flex">
            <Link href="/marketplace" className="hover:text-slate-900">
              Marketplace
            </Link>
            <Link href="/docs/api" className="hover:text-slate-900">
              API reference
            </Link>
            <Link href="/docs/events" className="hover:text-slate-900">
              Events
            </Link>
            {viewer?.partner && (
              <Link href="/dashboard" className="hover:text-slate-900">
                Partner portal
              </Link>
            )}
            {viewer?.principal.isPlatformAdmin && (
              <Link href="/admin/partners" className="hover:text-slate-900">
                Admin
              </Link>
            )}
          </nav>
        </div>
        <div className="flex items-center gap-4">
          {viewer ? (
            <>
              <span className="text-sm text-slate-700" data-testid="signed-in-as">
                <span className="font-medium">{viewer.user.name}</span>
                <span className="hidden text-slate-500 md:inline">
                  {" "}
                  · {viewer.partner?.name ?? viewer.account?.name ?? (viewer.principal.isPlatformAdmin ? "Platform admin" : viewer.user.email)}
                </span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className="text-sm font-medium text-slate-700 hover:text-slate-900">
                Sign in
              </Link>
              <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                Become a partner
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
