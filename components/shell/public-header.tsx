"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { AccountMenu } from "./account-menu";
import { Logo } from "./logo";
import { MenuLink, MobileNav } from "./mobile-nav";
import { isActive, resourcesFor } from "./nav";
import type { ShellViewer } from "./shell-viewer";
import { ThemeToggle } from "./theme-toggle";

/**
 * The simple header of the pages outside the areas (home, sign-in, sign-up, the docs, the
 * consent screen, marketplace browsing while signed out, a 404 while signed out).
 */
export function PublicHeader({ viewer }: { viewer: ShellViewer | null }) {
  const pathname = usePathname();
  const links = resourcesFor("partner");
  const primary = viewer?.contexts[0];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:gap-4 sm:px-4">
        <MobileNav
          title="Portico"
          top={
            <div className="border-b border-slate-200 pb-4">
              {viewer ? (
                viewer.contexts.map((c) => (
                  <MenuLink key={c.area} href={c.href}>
                    {c.areaLabel} <span className="text-slate-600">· {c.name}</span>
                  </MenuLink>
                ))
              ) : (
                <>
                  <MenuLink href="/signin">Sign in</MenuLink>
                  <MenuLink href="/signup">Become a partner</MenuLink>
                </>
              )}
            </div>
          }
          sections={[{ label: "Explore", items: links }]}
        />
        <Logo />
        <nav aria-label="Sections" className="ml-2 hidden items-center gap-1 text-sm md:flex">
          {links.map((l) => {
            const props = {
              href: l.href,
              "aria-current": isActive(l, pathname) ? ("page" as const) : undefined,
              className: "rounded-md px-2 py-1.5 font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:text-brand-700",
            };
            return l.document ? (
              <a key={l.href} {...props}>
                {l.label}
              </a>
            ) : (
              <Link key={l.href} {...props}>
                {l.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-1 sm:gap-2">
          <ThemeToggle />
          {viewer ? (
            <>
              {primary && (
                <Link
                  href={primary.href}
                  className="hidden rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 sm:inline-block"
                >
                  {primary.areaLabel}
                </Link>
              )}
              <AccountMenu viewer={viewer} />
            </>
          ) : (
            <>
              <Link href="/signin" className="rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                Sign in
              </Link>
              <Link
                href="/signup"
                className="hidden rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 sm:inline-block"
              >
                Become a partner
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
