import { AppWindow, Banknote, BookOpen, Building2, ChartColumn, ClipboardCheck, Clock, KeyRound, LayoutDashboard, LifeBuoy, ListTree, Mail, PackageCheck, Plug, Radio, Receipt, Settings, ShieldCheck, Store, Ticket, Wallet, Webhook, type LucideIcon } from "lucide-react";

// The one map of the app's navigation: the sidebars, the phone menu sheet and the
// breadcrumbs are all drawn from it, so a page added here shows up everywhere at once.

export type Area = "partner" | "customer" | "admin";

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Pages below this one with their own name (breadcrumbs), e.g. Settings › Contacts. */
  children?: { href: string; label: string }[];
  /** What a page under this item named by an id is called in the breadcrumbs ("Partner"). */
  detailLabel?: string;
  /** Not an app page (a route handler serving its own HTML, like the Scalar reference): a plain link, never prefetched. */
  document?: boolean;
};

export const partnerNav: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/apps", label: "Apps", icon: AppWindow, children: [{ href: "/apps/new", label: "New app" }], detailLabel: "App" },
  { href: "/keys", label: "API keys", icon: KeyRound },
  { href: "/oauth-clients", label: "OAuth clients", icon: ShieldCheck },
  { href: "/webhooks", label: "Webhooks", icon: Webhook },
  { href: "/listings", label: "Listings", icon: Store, children: [{ href: "/listings/new", label: "New listing" }], detailLabel: "Listing" },
  { href: "/installs", label: "Installs", icon: Plug, detailLabel: "Install" },
  { href: "/usage", label: "Usage", icon: ChartColumn },
  { href: "/invoices", label: "Invoices", icon: Receipt, detailLabel: "Invoice" },
  { href: "/payouts", label: "Payouts", icon: Wallet, detailLabel: "Payout" },
  { href: "/support", label: "Support", icon: LifeBuoy, children: [{ href: "/support/new", label: "New ticket" }], detailLabel: "Ticket" },
  {
    href: "/settings",
    label: "Settings",
    icon: Settings,
    children: [
      { href: "/settings/contacts", label: "Contacts" },
      { href: "/settings/agreements", label: "Agreements" },
    ],
  },
];

export const customerNav: NavItem[] = [
  {
    href: "/marketplace",
    label: "Marketplace",
    icon: Store,
    children: [
      { href: "/marketplace/search", label: "Search" },
      { href: "/marketplace/categories", label: "Category" },
    ],
    detailLabel: "App",
  },
  { href: "/installed", label: "Installed apps", icon: PackageCheck, detailLabel: "Integration" },
  { href: "/authorized-apps", label: "Authorized apps", icon: ShieldCheck },
  { href: "/support", label: "Support", icon: LifeBuoy, children: [{ href: "/support/new", label: "New ticket" }], detailLabel: "Ticket" },
];

export const adminNav: NavItem[] = [
  { href: "/admin/partners", label: "Partners", icon: Building2, detailLabel: "Partner" },
  { href: "/admin/reviews", label: "Reviews queue", icon: ClipboardCheck, detailLabel: "Review" },
  { href: "/admin/events", label: "Events", icon: Radio },
  { href: "/admin/billing", label: "Billing", icon: Banknote },
  { href: "/admin/tickets", label: "Tickets", icon: Ticket, detailLabel: "Ticket" },
  { href: "/admin/outbox", label: "Outbox", icon: Mail, detailLabel: "Message" },
  { href: "/admin/jobs", label: "Scheduled jobs", icon: Clock },
];

/** Public reference pages, at the foot of every sidebar and in the signed-out menu. */
export const docsNav: NavItem[] = [
  { href: "/docs/api", label: "API reference", icon: BookOpen, document: true },
  { href: "/docs/events", label: "Event catalog", icon: ListTree },
];

/** The resources section of an area's sidebar: the docs, and the marketplace for those whose area it is not. */
export function resourcesFor(area: Area): NavItem[] {
  return area === "customer" ? docsNav : [{ href: "/marketplace", label: "Marketplace", icon: Store }, ...docsNav];
}

export const areas: Record<Area, { label: string; home: string; nav: NavItem[] }> = {
  partner: { label: "Partner portal", home: "/dashboard", nav: partnerNav },
  customer: { label: "Marketplace", home: "/marketplace", nav: customerNav },
  admin: { label: "Platform admin", home: "/admin/partners", nav: adminNav },
};

export function isActive(item: Pick<NavItem, "href">, pathname: string): boolean {
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

export type Crumb = { label: string; href?: string };

/**
 * Area › section › page for a path, from the nav alone; [] when the path is in none of the
 * area's sections (a no-access or not-found page drawn in the viewer's own shell).
 */
export function crumbsFor(area: Area, pathname: string): Crumb[] {
  const { label, home, nav } = areas[area];
  const item = nav.find((i) => isActive(i, pathname));
  if (!item) return [];
  const crumbs: Crumb[] = [{ label, href: home }];
  if (pathname === item.href) return [...crumbs, { label: item.label }];
  // A section that is the area's home under the area's own name is not named twice ("Marketplace › Marketplace › App").
  if (item.href !== home || item.label !== label) crumbs.push({ label: item.label, href: item.href });
  const child = item.children?.find((c) => isActive(c, pathname));
  crumbs.push({ label: child?.label ?? item.detailLabel ?? "Details" });
  return crumbs;
}
