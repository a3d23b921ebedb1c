import { TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ApplicationVersion } from "@/lib/applications/schemas";

/** write: and manage: scopes change customer data: the partner should say why the app needs them. */
const needsJustification = (scope: string) => /^(write|manage):/.test(scope);

/** Each scope the version asks for, in the words customers will read at install, with the partner's reason. */
export function ScopesCard({
  version,
  newScopes,
  scopeWords,
}: {
  version: ApplicationVersion;
  newScopes: readonly string[];
  scopeWords: Record<string, string>;
}) {
  const fresh = new Set(newScopes);
  return (
    <Card title="Requested scopes in words">
      {version.requestedScopes.length === 0 ? (
        <p className="text-sm text-slate-600">This version asks for no scopes.</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="scopes-in-words">
          {version.requestedScopes.map((scope) => {
            const why = version.scopeJustifications[scope]?.trim();
            return (
              <li key={scope} className="py-2.5 first:pt-0 last:pb-0">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                  <span className="font-medium text-slate-900">{scopeWords[scope] ?? scope}</span>
                  <span className="font-mono text-xs text-slate-600">{scope}</span>
                  {fresh.has(scope) && <Badge tone="green">New</Badge>}
                </p>
                {why ? (
                  <p className="mt-1 break-words text-sm text-slate-700">
                    <span className="sr-only">Justification: </span>“{why}”
                  </p>
                ) : needsJustification(scope) ? (
                  <p className="mt-1 inline-flex items-center gap-1.5 rounded-md bg-amber-50 px-2 py-0.5 text-sm font-medium text-amber-800 ring-1 ring-inset ring-amber-600/20">
                    <TriangleAlert aria-hidden className="size-3.5" />
                    No justification given
                  </p>
                ) : (
                  <p className="mt-1 text-sm text-slate-600">No justification given</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
