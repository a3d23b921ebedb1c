"use client";

import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, LoadingState } from "@/components/ui/states";
import type { Application } from "@/lib/applications/schemas";
import { diffVersions } from "@/lib/applications/version-diff";
import { AppDetailsCard } from "./app-details-card";
import { DecisionCard } from "./decision-card";
import { useApplication, useRefreshReview } from "./queries";
import { AppStatusBadge } from "@/components/applications/status";
import { WaitingTime } from "./waiting-time";
import { ScopesCard } from "./scopes-card";
import { SecurityChecksCard } from "./security-checks-card";
import { TimelineCard } from "./timeline-card";
import { VersionDiffCard } from "./version-diff-card";
import { secondsSince } from "./waiting";

/** The review of an application's candidate version (its currentVersion) by a platform admin. */
export function ReviewDetail({
  applicationId,
  scopeWords,
  checkDescriptions,
}: {
  applicationId: string;
  scopeWords: Record<string, string>;
  checkDescriptions: Record<string, string>;
}) {
  const app = useApplication(applicationId);
  if (app.isPending) return <LoadingState />;
  if (app.isError) return <ErrorState error={app.error} onRetry={() => app.refetch()} />;
  return <Review app={app.data} scopeWords={scopeWords} checkDescriptions={checkDescriptions} />;
}

function Review({ app, scopeWords, checkDescriptions }: { app: Application; scopeWords: Record<string, string>; checkDescriptions: Record<string, string> }) {
  const v = app.currentVersion;
  const refresh = useRefreshReview(app.id);
  const diff = useMemo(() => diffVersions(app.liveVersion, v), [app.liveVersion, v]);
  const isUpdate = app.liveVersion !== null && app.liveVersion.id !== v.id;
  const waiting = v.status === "submitted" || v.status === "in_review";
  // Read once when the page opens (the queue's own figure comes from the server): a wait in hours does not need a ticking clock.
  const [openedAt] = useState(() => Date.now());
  const waited = waiting ? secondsSince(v.submittedAt, openedAt) : null;

  const start = useMutation({
    mutationFn: () => apiFetch<Application>(`/applications/${app.id}/review`, { method: "POST", body: {}, idempotencyKey: crypto.randomUUID() }),
    meta: { success: `Review of ${app.name} ${v.version} started` },
    onSuccess: refresh,
  });

  return (
    <>
      <PageHeader
        title={app.name}
        description={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span>
              by <span className="font-medium text-slate-800">{app.partnerName}</span>
            </span>
            <span aria-hidden>·</span>
            <span className="font-mono">v{v.version}</span>
            {isUpdate && <Badge tone="blue">Update</Badge>}
            <span aria-hidden>·</span>
            <span data-testid="review-status" className="inline-flex">
              <AppStatusBadge status={v.status} />
            </span>
            {waited !== null && (
              <>
                <span aria-hidden>·</span>
                <span className="inline-flex items-center gap-1" data-testid="review-waiting">
                  waiting <WaitingTime seconds={waited} />
                </span>
              </>
            )}
          </span>
        }
        actions={
          app.actions.includes("review") && (
            <Button onClick={() => start.mutate()} disabled={start.isPending}>
              {start.isPending ? "Starting…" : "Start review"}
            </Button>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid min-w-0 content-start gap-6 lg:col-span-2">
          <SecurityChecksCard applicationId={app.id} versionId={v.id} descriptions={checkDescriptions} />
          <VersionDiffCard diff={diff} live={app.liveVersion} candidate={v} scopeWords={scopeWords} />
          <ScopesCard version={v} newScopes={diff.newScopes} scopeWords={scopeWords} />
          <AppDetailsCard app={app} />
        </div>
        <div className="grid min-w-0 content-start gap-6">
          <DecisionCard key={v.id} app={app} onDecided={refresh} />
          <TimelineCard applicationId={app.id} />
        </div>
      </div>
    </>
  );
}
