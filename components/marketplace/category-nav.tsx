import {
  BarChart3,
  Calculator,
  CreditCard,
  Database,
  FileCheck2,
  FolderOpen,
  LayoutGrid,
  type LucideIcon,
  MessagesSquare,
  ScrollText,
  ShieldCheck,
  Users,
} from "lucide-react";
import Link from "next/link";
import type { Category } from "@/lib/marketplace/schemas";

// The categories as a way in: tiles with counts on the marketplace home, a row of links on a
// category page (the current one marked).

const icons: Record<string, LucideIcon> = {
  claims: FileCheck2,
  "policy-administration": ScrollText,
  "quoting-rating": Calculator,
  "crm-leads": Users,
  payments: CreditCard,
  "analytics-reporting": BarChart3,
  communications: MessagesSquare,
  compliance: ShieldCheck,
  "data-enrichment": Database,
  "document-management": FolderOpen,
};

export const categoryHref = (slug: string) => `/marketplace/categories/${encodeURIComponent(slug)}`;

const appsText = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "app" : "apps"}`;

export function CategoryGrid({ categories }: { categories: Category[] }) {
  return (
    <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
      {categories.map((c) => {
        const Icon = icons[c.slug] ?? LayoutGrid;
        return (
          <li key={c.slug} className="flex">
            <Link
              href={categoryHref(c.slug)}
              className="flex w-full items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm transition hover:border-brand-500 hover:shadow-md"
            >
              <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-md bg-brand-50 text-brand-700">
                <Icon className="size-5" />
              </span>
              <span className="min-w-0">
                <span className="block text-sm leading-snug font-medium text-slate-900">{c.name}</span>
                <span className="block text-xs text-slate-600">{appsText(c.listingCount)}</span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function CategoryLinks({ categories, current, className = "" }: { categories: Category[]; current?: string; className?: string }) {
  return (
    <ul className={`flex flex-wrap gap-2 ${className}`}>
      {categories.map((c) => (
        <li key={c.slug}>
          <Link
            href={categoryHref(c.slug)}
            aria-current={c.slug === current ? "page" : undefined}
            className="inline-flex items-center gap-1.5 rounded-full bg-white px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 hover:text-slate-900 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white aria-[current=page]:ring-brand-600"
          >
            {c.name}
            <span className="text-xs opacity-80">{c.listingCount}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
