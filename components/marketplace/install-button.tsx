import { Download, LogIn } from "lucide-react";
import Link from "next/link";
import { useId } from "react";

// The listing page's Install control. Installing itself (consent, the integration) is the next
// release; until then the button says honestly why it does nothing, next to it, not in a tooltip.

export type InstallViewer = "signed_out" | "customer" | "other";

const primary =
  "inline-flex w-full items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-700";

/** Why this viewer cannot install this listing now; null for a signed-out visitor (they get the sign-in link). */
export function installBlockedReason({ viewer, deprecated, visibility }: { viewer: InstallViewer; deprecated: boolean; visibility: string }): string | null {
  if (deprecated) return "No new installs: this app is being retired.";
  if (visibility === "delisted") return "No installs: this listing is delisted.";
  if (visibility === "awaiting_app") return "No installs until the app is published.";
  if (viewer === "signed_out") return null;
  if (viewer === "other") return "Sign in with an agency account to install.";
  return "Installing opens with the next release of the marketplace.";
}

export function InstallButton({
  viewer,
  deprecated,
  visibility,
  returnTo,
}: {
  viewer: InstallViewer;
  deprecated: boolean;
  visibility: string;
  /** This page's path, for the sign-in link's callbackUrl. */
  returnTo: string;
}) {
  const reasonId = useId();
  const reason = installBlockedReason({ viewer, deprecated, visibility });
  if (!reason) {
    return (
      <div className="grid gap-1.5">
        <Link href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`} className={primary}>
          <LogIn aria-hidden className="size-4" />
          Sign in to install
        </Link>
        <p className="text-center text-xs text-slate-600">Installs are for agency accounts.</p>
      </div>
    );
  }
  return (
    <div className="grid gap-1.5">
      <button type="button" disabled aria-describedby={reasonId} className={`${primary} cursor-not-allowed opacity-60 hover:bg-brand-600`}>
        <Download aria-hidden className="size-4" />
        Install
      </button>
      <p id={reasonId} className="text-center text-xs text-slate-600">
        {reason}
      </p>
    </div>
  );
}
