import Link from "next/link";
import type { Viewer } from "@/lib/auth/load-viewer";

/** A sentence ends with a full stop, whatever an admin typed as the reason. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

export function PartnerStatusBanner({ partner }: { partner: NonNullable<Viewer["partner"]> }) {
  if (partner.status === "active") return null;
  const reason = partner.statusReason?.trim();
  const copy: Record<string, { title: string; body: string; tone: string }> = {
    pending: {
      title: "Awaiting approval",
      body: `${partner.name} is pending review by the Portico team. You can complete your profile and contacts now; API keys, webhooks and listings open once you are approved.`,
      tone: "border-amber-200 bg-amber-50 text-amber-900",
    },
    suspended: {
      title: "Partner suspended",
      body: `${partner.name} is suspended${reason ? `: ${sentence(reason)}` : "."} Its API keys and OAuth clients do not work until the Portico team lifts the suspension.`,
      tone: "border-red-200 bg-red-50 text-red-900",
    },
    rejected: {
      title: "Application not approved",
      body: reason ? sentence(reason) : "Your partner application was not approved.",
      tone: "border-red-200 bg-red-50 text-red-900",
    },
  };
  const c = copy[partner.status];
  if (!c) return null;
  return (
    <div role="status" data-testid="partner-status" className={`mb-6 rounded-lg border px-4 py-3 text-sm print:hidden ${c.tone}`}>
      <p className="font-semibold">{c.title}</p>
      <p className="mt-0.5">{c.body}</p>
      {partner.status === "suspended" && (
        <p className="mt-2">
          <Link href="/support/new?category=account" className="font-medium underline underline-offset-2 hover:no-underline">
            Contact support
          </Link>{" "}
          about the suspension.
        </p>
      )}
    </div>
  );
}
