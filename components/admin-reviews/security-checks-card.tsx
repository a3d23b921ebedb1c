"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronRight, CircleAlert, CircleCheck, CircleX, RefreshCw } from "lucide-react";
import type { ReactNode } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import type { SecurityCheck, SecurityCheckList } from "@/lib/applications/schemas";
import { reviewKeys, useSecurityChecks } from "./queries";

type Status = SecurityCheck["status"];

const groups: { status: Status; title: string; icon: ReactNode; open: boolean }[] = [
  { status: "failed", title: "Failed", icon: <CircleX aria-hidden className="size-4 text-red-600" />, open: true },
  { status: "warning", title: "Warnings", icon: <CircleAlert aria-hidden className="size-4 text-amber-600" />, open: true },
  { status: "passed", title: "Passed", icon: <CircleCheck aria-hidden className="size-4 text-emerald-600" />, open: false },
];

/** "redirect_uris_secure" → "Redirect uris secure", with the acronyms the checks use kept upright. */
export function checkTitle(id: string): string {
  const words = id.split("_").map((w) => ({ uris: "URIs", url: "URL", https: "HTTPS" })[w] ?? w);
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The automated checks of the version under review, worst first; each with what it found. */
export function SecurityChecksCard({
  applicationId,
  versionId,
  descriptions,
}: {
  applicationId: string;
  versionId: string;
  descriptions: Record<string, string>;
}) {
  const qc = useQueryClient();
  const checks = useSecurityChecks(applicationId, versionId);
  const rerun = useMutation({
    mutationFn: () => apiFetch<SecurityCheckList>(`/applications/${applicationId}/security-checks`, { method: "POST", body: {} }),
    meta: { success: "Checks run again" },
    onSuccess: (data) => {
      qc.setQueryData(reviewKeys.checks(applicationId, versionId), data);
      void qc.invalidateQueries({ queryKey: reviewKeys.timeline(applicationId) });
    },
  });

  const data = checks.data;
  const count = (s: Status) => data?.data.filter((c) => c.status === s).length ?? 0;

  return (
    <Card
      title="Security checks"
      actions={
        <Button size="sm" variant="secondary" onClick={() => rerun.mutate()} disabled={rerun.isPending}>
          <RefreshCw aria-hidden className={`size-3.5 ${rerun.isPending ? "animate-spin" : ""}`} />
          {rerun.isPending ? "Running…" : "Run checks again"}
        </Button>
      }
    >
      {checks.isPending ? (
        <LoadingState label="Loading checks…" />
      ) : checks.isError ? (
        <ErrorState error={checks.error} onRetry={() => checks.refetch()} />
      ) : !data || (data.data.length === 0 && data.running.length === 0) ? (
        <p className="text-sm text-slate-600">No checks have run on this version yet. Run them now to see what they find.</p>
      ) : (
        <div className="grid gap-4">
          <p className="text-sm text-slate-700" data-testid="checks-summary">
            <span className={count("failed") ? "font-semibold text-red-700" : ""}>{count("failed")} failed</span> ·{" "}
            <span className={count("warning") ? "font-semibold text-amber-800" : ""}>
              {count("warning")} {count("warning") === 1 ? "warning" : "warnings"}
            </span>{" "}
            · {count("passed")} passed
          </p>
          {data.running.length > 0 && (
            <p role="status" className="flex items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
              <span className="size-3.5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" aria-hidden />
              Still running: {data.running.map(checkTitle).join(", ")}
            </p>
          )}
          {groups.map((g) => {
            const items = data.data.filter((c) => c.status === g.status);
            if (items.length === 0) return null;
            return (
              <details key={g.status} open={g.open} className="group/section">
                <summary className="flex cursor-pointer list-none items-center gap-2 rounded text-sm font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
                  <ChevronRight aria-hidden className="size-4 text-slate-500 transition-transform group-open/section:rotate-90" />
                  {g.icon}
                  {g.title} ({items.length})
                </summary>
                <ul className="mt-2 grid gap-2">
                  {items.map((c) => (
                    <CheckItem key={c.check} check={c} description={descriptions[c.check]} />
                  ))}
                </ul>
              </details>
            );
          })}
        </div>
      )}
    </Card>
  );
}

const itemTones: Record<Status, string> = {
  failed: "border-red-200 bg-red-50",
  warning: "border-amber-200 bg-amber-50",
  passed: "border-slate-200 bg-white",
};

function CheckItem({ check: c, description }: { check: SecurityCheck; description?: string }) {
  const hasEvidence = Object.keys(c.evidence).length > 0;
  return (
    <li className={`rounded-md border px-3 py-2 text-sm ${itemTones[c.status]}`} data-testid={`check-${c.check}`}>
      <p className="font-medium text-slate-900">
        {checkTitle(c.check)} <span className="font-mono text-xs font-normal text-slate-600">({c.field})</span>
      </p>
      <p className="mt-0.5 break-words text-slate-700">{c.message}</p>
      <details className="mt-1">
        <summary className="cursor-pointer rounded text-xs font-medium text-slate-700 hover:text-slate-900">Details</summary>
        <div className="mt-2 grid gap-2">
          {description && <p className="text-xs text-slate-600">{description}</p>}
          {hasEvidence && <CodeBlock label="Evidence" value={c.evidence} />}
          <p className="text-xs text-slate-600">
            Checked <Time value={c.checkedAt} />
          </p>
        </div>
      </details>
    </li>
  );
}
