import { CircleSlash, EyeOff, TriangleAlert } from "lucide-react";
import type { ListingPage } from "@/lib/marketplace/schemas";

// Notices at the top of a listing page: the partner is retiring the app (everyone sees it), and,
// for the partner's members and admins only, why the page is not public.

const sunsetFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export function DeprecationNotice({ deprecation, appName }: { deprecation: NonNullable<ListingPage["deprecation"]>; appName: string }) {
  const sunset = new Date(deprecation.sunsetAt);
  return (
    <section aria-labelledby="deprecation-title" className="flex gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <TriangleAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-700" />
      <div className="min-w-0">
        <h2 id="deprecation-title" className="font-semibold">
          {appName} is being retired
        </h2>
        <p className="mt-1">
          It takes no new installs. Sunset date:{" "}
          <time dateTime={sunset.toISOString()} className="font-medium">
            {sunsetFormat.format(sunset)}
          </time>
          , when it stops working for the agencies that have it.
        </p>
        {deprecation.message.trim() && (
          <blockquote className="mt-2 border-l-2 border-amber-400 pl-3 break-words whitespace-pre-line">
            <span className="sr-only">The partner says: </span>
            {deprecation.message}
          </blockquote>
        )}
      </div>
    </section>
  );
}

/** Why only insiders see this page: the app is not out yet, or an admin delisted it. */
export function VisibilityNotice({ visibility, delistedReason }: { visibility: ListingPage["visibility"]; delistedReason: string | null }) {
  if (visibility !== "awaiting_app" && visibility !== "delisted") return null;
  const delisted = visibility === "delisted";
  const Icon = delisted ? CircleSlash : EyeOff;
  return (
    <section
      aria-labelledby="visibility-title"
      className={`flex gap-3 rounded-lg border px-4 py-3 text-sm ${delisted ? "border-red-200 bg-red-50 text-red-900" : "border-slate-200 bg-slate-100 text-slate-800"}`}
    >
      <Icon aria-hidden className={`mt-0.5 size-5 shrink-0 ${delisted ? "text-red-700" : "text-slate-600"}`} />
      <div className="min-w-0">
        <h2 id="visibility-title" className="font-semibold">
          {delisted ? "Delisted by a platform admin" : "Not public yet"}
        </h2>
        <p className="mt-1">
          {delisted
            ? "It is out of search, categories and the featured row, and this page answers “not found” to everyone else."
            : "This listing goes public when its app is published. Until then it is out of search, and this page answers “not found” to everyone else."}{" "}
          Only the partner&apos;s members and platform admins see it.
        </p>
        {delisted && delistedReason && (
          <p className="mt-2 break-words whitespace-pre-line">
            <span className="font-medium">Reason: </span>
            {delistedReason}
          </p>
        )}
      </div>
    </section>
  );
}
