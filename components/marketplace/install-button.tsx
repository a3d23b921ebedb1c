"use client";

import { CheckCircle2, Download, LogIn } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

// The listing page's Install control. An owner or admin of the agency starts the install (a
// pending integration) and goes to the consent page; everyone else is told, next to the button
// and not in a tooltip, why they cannot.

export type InstallViewer = "signed_out" | "installer" | "member" | "other";

const primary =
  "inline-flex w-full items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-700";

/** Why this viewer cannot install this listing now; null when they can (or, signed out, can after signing in). */
export function installBlockedReason({ viewer, deprecated, visibility }: { viewer: InstallViewer; deprecated: boolean; visibility: string }): string | null {
  if (deprecated) return "No new installs: this app is being retired.";
  if (visibility === "delisted") return "No installs: this listing is delisted.";
  if (visibility === "awaiting_app") return "No installs until the app is published.";
  if (viewer === "other") return "Sign in with an agency account to install.";
  if (viewer === "member") return "Only your agency's owners and admins install apps: ask an admin.";
  return null;
}

type Problem = { detail?: string; title?: string; code?: string };

export function InstallButton({
  viewer,
  slug,
  installed,
  deprecated,
  visibility,
  returnTo,
}: {
  viewer: InstallViewer;
  slug: string;
  /** The app's live install in the viewer's agency, if any. */
  installed: { id: string; status: string } | null;
  deprecated: boolean;
  visibility: string;
  /** This page's path, for the sign-in link's callbackUrl. */
  returnTo: string;
}) {
  const reasonId = useId();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (installed) {
    return (
      <div className="grid gap-1.5">
        <Link href={`/installed/${installed.id}`} className={`${primary} bg-emerald-700 hover:bg-emerald-800`}>
          <CheckCircle2 aria-hidden className="size-4" />
          Installed: manage
        </Link>
        <p className="text-center text-xs text-slate-600">Your agency has this app.</p>
      </div>
    );
  }

  const reason = installBlockedReason({ viewer, deprecated, visibility });
  if (!reason && viewer === "signed_out") {
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
  if (reason) {
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

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/marketplace/listings/${encodeURIComponent(slug)}/install`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
        body: "{}",
      });
      const body = (await res.json().catch(() => ({}))) as Problem & { authorizeUrl?: string };
      if (res.ok && body.authorizeUrl) {
        // Same origin: the consent page is ours; only its path matters here.
        const url = new URL(body.authorizeUrl);
        router.push(`${url.pathname}${url.search}`);
        return;
      }
      setError(body.detail ?? body.title ?? "The install could not start. Try again.");
    } catch {
      setError("The install could not start: check your connection and try again.");
    }
    setBusy(false);
  };

  return (
    <div className="grid gap-1.5">
      <button type="button" onClick={start} disabled={busy} aria-describedby={reasonId} className={`${primary} disabled:opacity-60`}>
        <Download aria-hidden className="size-4" />
        {busy ? "Starting install…" : "Install"}
      </button>
      <p id={reasonId} className={`text-center text-xs ${error ? "text-red-700" : "text-slate-600"}`} role={error ? "alert" : undefined}>
        {error ?? "You'll review what it can access before anything is installed."}
      </p>
    </div>
  );
}
