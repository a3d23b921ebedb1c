import { Eye, PencilLine, ShieldAlert } from "lucide-react";
import type { ListingPage } from "@/lib/marketplace/schemas";

// What the app may do in an agency's data once installed, in the words the consent screen
// uses, before anyone clicks Install. Changing and managing are marked apart from reading.

function iconFor(scope: string) {
  if (scope.startsWith("manage:") || scope === "admin") return ShieldAlert;
  if (scope.startsWith("write:")) return PencilLine;
  return Eye;
}

export function ListingScopes({ scopes, appName }: { scopes: ListingPage["scopes"]; appName: string }) {
  if (scopes.length === 0) {
    return <p className="text-sm text-slate-600">{appName} asks for no access to your agency&apos;s data.</p>;
  }
  return (
    <div className="grid gap-3 text-sm">
      <p className="text-slate-700">Once installed, {appName} will be able to:</p>
      <ul aria-label="Requested permissions" className="grid gap-2">
        {scopes.map((s) => {
          const Icon = iconFor(s.scope);
          return (
            <li key={s.scope} className="flex items-start gap-2.5">
              <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
              <span className="min-w-0">
                <span className="font-medium text-slate-900">{s.words}</span>{" "}
                <span className="font-mono text-xs whitespace-nowrap text-slate-600">({s.scope})</span>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-slate-600">You approve these on the consent screen when you install.</p>
    </div>
  );
}
