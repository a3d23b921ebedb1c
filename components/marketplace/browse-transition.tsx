"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useTransition, type ReactNode } from "react";

// A filter change is a navigation (the filters live in the URL and the server renders the
// results): while it runs, the current results stay and are marked busy.

const Ctx = createContext<{ pending: boolean; navigate: (href: string) => void } | null>(null);

export function BrowseTransition({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const navigate = (href: string) => start(() => router.push(href, { scroll: false }));
  return <Ctx value={{ pending, navigate }}>{children}</Ctx>;
}

export function useBrowseNavigate() {
  const ctx = use(Ctx);
  const router = useRouter();
  return ctx ?? { pending: false, navigate: (href: string) => router.push(href, { scroll: false }) };
}

export function BrowseResults({ children }: { children: ReactNode }) {
  const { pending } = useBrowseNavigate();
  return (
    <div aria-busy={pending || undefined} className={`transition-opacity ${pending ? "opacity-50" : ""}`}>
      {children}
    </div>
  );
}
