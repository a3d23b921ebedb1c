import type { Viewer } from "@/lib/auth/load-viewer";

export function PartnerStatusBanner({ partner }: { partner: NonNullable<Viewer["partner"]> }) {
  if (partner.status === "active") return null;
  const copy: Record<string, { title: string; body: string; tone: string }> = {
    pending: {
      title: "Awaiting approval",
      body: `${partner.name} is pending review by the Portico team. You can complete your profile and contacts now; API keys, webhooks and listings open once you are approved.`,
      tone: "border-amber-200 bg-amber-50 text-amber-900",
    },
    suspended: {
      title: "Partner suspended",
      body: `${partner.name} is suspended${partner.statusReason ? `: ${partner.statusReason}` : "."} Its API credentials no longer work. Contact support to resolve this.`,
      tone: "border-red-200 bg-red-50 text-red-900",
    },
    rejected: {
      title: "Application not approved",
      body: partner.statusReason ?? "Your partner application was not approved.",
      tone: "border-red-200 bg-red-50 text-red-900",
    },
  };
  const c = copy[partner.status];
  if (!c) return null;
  return (
    <div role="status" data-testid="partner-status" className={`mb-6 rounded-lg border px-4 py-3 text-sm ${c.tone}`}>
      <p className="font-semibold">{c.title}</p>
      <p className="mt-0.5">{c.body}</p>
    </div>
  );
}
