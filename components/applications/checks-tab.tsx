"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, ChevronRight, Loader2, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { appKeys, useSecurityChecks } from "./queries";
import type { Application, CheckDescriptions, SecurityCheck, SecurityCheckList } from "./types";

const groups = [
  { status: "failed", title: "Failed", detail: "These block a submit.", icon: XCircle, tone: "text-red-700" },
  { status: "warning", title: "Warnings", detail: "These never block; the reviewer reads them.", icon: AlertTriangle, tone: "text-amber-700" },
  { status: "running", title: "Running", detail: "Live probes of your endpoints; this page updates when they finish.", icon: Loader2, tone: "text-slate-700" },
  { status: "passed", title: "Passed", detail: undefined, icon: CheckCircle2, tone: "text-emerald-700" },
] as const;

export function ChecksTab({ app, canWrite, descriptions }: { app: Application; canWrite: boolean; descriptions: CheckDescriptions }) {
  const qc = useQueryClient();
  const checks = useSecurityChecks(app.id);
  const rerun = useMutation({
    mutationFn: () => apiFetch<SecurityCheckList>(`/applications/${app.id}/security-checks`, { method: "POST" }),
    meta: { success: "Checks ran again" },
    onSuccess: (list) => qc.setQueryData(appKeys.checks(app.id), list),
  });
  const rerunButton =
    canWrite && app.status !== "deprecated" ? (
      <Button variant="secondary" onClick={() => rerun.mutate()} disabled={rerun.isPending}>
        {rerun.isPending ? "Running…" : "Run checks again"}
      </Button>
    ) : undefined;

  return (
    <Card title={`Security checks of version ${app.currentVersion.version}`} actions={rerunButton}>
      {checks.isPending ? (
        <LoadingState label="Loading checks…" />
      ) : checks.isError ? (
        <ErrorState error={checks.error} onRetry={() => checks.refetch()} />
      ) : checks.data.data.length === 0 && checks.data.running.length === 0 ? (
        <EmptyState title="No checks have run yet" action={rerunButton}>
          The automated checks run when you submit the app for review. Run them now to see where the app stands.
        </EmptyState>
      ) : (
        <div className="grid gap-6">
          {groups.map((g) => {
            const rows = checks.data.data.filter((c) => c.status === g.status);
            const running = g.status === "running" ? checks.data.running : [];
            if (rows.length === 0 && running.length === 0) return null;
            return (
              <section key={g.status} aria-labelledby={`checks-${g.status}`}>
                <h3 id={`checks-${g.status}`} className={`flex items-center gap-2 text-sm font-semibold ${g.tone}`}>
                  <g.icon aria-hidden className="size-4" />
                  {g.title} ({rows.length + running.length})
                </h3>
                {g.detail && <p className="mb-2 text-xs text-slate-600">{g.detail}</p>}
                <ul className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
                  {rows.map((c) => (
                    <CheckRow key={c.check} check={c} description={descriptions[c.check]} />
                  ))}
                  {running.map((id) => (
                    <li key={id} data-check={id} className="flex items-start gap-2 px-3 py-2 text-sm">
                      <Loader2 aria-hidden className="mt-0.5 size-4 shrink-0 animate-spin text-slate-600" />
                      <span className="min-w-0">
                        <code className="font-mono text-xs font-semibold text-slate-900">{id}</code>
                        <span className="ml-2 text-slate-700">Running…</span>
                        {descriptions[id] && <span className="block text-xs text-slate-600">{descriptions[id]}</span>}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </Card>
  );
}

function CheckRow({ check: c, description }: { check: SecurityCheck; description?: string }) {
  const hasEvidence = Object.keys(c.evidence).length > 0;
  return (
    <li data-check={c.check} className="px-3 py-2 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <code className="font-mono text-xs font-semibold text-slate-900">{c.check}</code>
        <span className="text-xs text-slate-600">
          field <code className="font-mono">{c.field}</code> · <Time value={c.checkedAt} />
        </span>
      </div>
      <p className="mt-0.5 break-words text-slate-800">{c.message}</p>
      {description && <p className="mt-0.5 text-xs text-slate-600">{description}</p>}
      {hasEvidence && (
        <Evidence>
          <CodeBlock label="Evidence" value={c.evidence} />
        </Evidence>
      )}
    </li>
  );
}

function Evidence({ children }: { children: ReactNode }) {
  return (
    <details className="group mt-1">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded text-xs font-medium text-brand-700 hover:underline [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden className="size-3.5 transition group-open:rotate-90" />
        Evidence
      </summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}
