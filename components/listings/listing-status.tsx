import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import type { ListingPage } from "@/lib/marketplace/schemas";

export type Visibility = ListingPage["visibility"];

const copy: Record<Visibility, { label: string; tone: Tone }> = {
  public: { label: "Public", tone: "green" },
  awaiting_app: { label: "Not public yet", tone: "yellow" },
  deprecated: { label: "Deprecated", tone: "gray" },
  delisted: { label: "Delisted", tone: "red" },
};

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return (
    <span data-visibility={visibility}>
      <Badge tone={copy[visibility].tone}>{copy[visibility].label}</Badge>
    </span>
  );
}

const appState: Record<string, string> = {
  draft: "it is still a draft",
  submitted: "it is submitted for review",
  in_review: "it is in review",
  approved: "it is approved, publish it from its page",
  rejected: "it was rejected, fix and resubmit it",
};

/** One sentence on where the listing shows, and what it waits for. */
export function visibilityDetail(visibility: Visibility, appStatus?: string): string {
  switch (visibility) {
    case "public":
      return "In search, categories and on its page.";
    case "awaiting_app":
      return `Waiting for the app to be published${appStatus && appState[appStatus] ? `: ${appState[appStatus]}` : ""}. The listing goes public then.`;
    case "deprecated":
      return "Out of search: the app is deprecated. Its page stays up with the deprecation notice.";
    case "delisted":
      return "Removed from the marketplace by the Portico team.";
  }
}

/** Where the public page is: only public and deprecated listings have one anyone can open. */
export function hasPublicPage(visibility: Visibility): boolean {
  return visibility === "public" || visibility === "deprecated";
}

/** The admin's reason for delisting, prominent: it is what the partner has to act on. */
export function DelistedNotice({ reason, compact = false }: { reason: string | null; compact?: boolean }) {
  const said = reason ? `“${reason}”` : "No reason was given.";
  if (compact) {
    return (
      <p className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800" data-testid="delisted-reason">
        <span className="font-semibold">Reason: </span>
        {said}
      </p>
    );
  }
  return (
    <section aria-labelledby="delisted-heading" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="delisted-reason">
      <h2 id="delisted-heading" className="font-semibold">
        The Portico team delisted this listing
      </h2>
      <p className="mt-1 text-base font-medium break-words">{said}</p>
      <p className="mt-2">
        Customers cannot find or open it. Fix what the reason names, then ask for it to be relisted through{" "}
        <Link href="/support" className="font-medium underline underline-offset-2">
          support
        </Link>
        .
      </p>
    </section>
  );
}

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;

/** A click-through rate (0–1) as a percentage, or an em dash without impressions. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : pct(rate);
}
