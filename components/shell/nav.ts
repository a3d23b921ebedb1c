export type NavItem = { href: string; label: string };

export const partnerNav: NavItem[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/apps", label: "Apps" },
  { href: "/keys", label: "API keys" },
  { href: "/oauth-clients", label: "OAuth clients" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/listings", label: "Listings" },
  { href: "/usage", label: "Usage" },
  { href: "/invoices", label: "Invoices" },
  { href: "/support", label: "Support" },
  { href: "/settings", label: "Settings" },
];

export const customerNav: NavItem[] = [
  { href: "/marketplace", label: "Marketplace" },
  { href: "/installed", label: "Installed apps" },
  { href: "/authorized-apps", label: "Authorized apps" },
];

export const adminNav: NavItem[] = [
  { href: "/admin/partners", label: "Partners" },
  { href: "/admin/reviews", label: "Reviews queue" },
  { href: "/admin/events", label: "Events" },
  { href: "/admin/billing", label: "Billing" },
  { href: "/admin/tickets", label: "Tickets" },
];
