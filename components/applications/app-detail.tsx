"use client";

import { useMutation } from "@tanstack/react-query";
import { MessageSquareWarning } from "lucide-react";
import { useRouter } from "next/navigation";
import { Tabs } from "radix-ui";
import { useState } from "react";
import { ApiError, apiFetch, type FieldError } from "@/components/api/api-fetch";
import { NotFoundPanel } from "@/components/feedback/not-found-panel";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { ChecksTab } from "./checks-tab";
import { CredentialsTab } from "./credentials-tab";
import { DeprecateDialog } from "./deprecate-dialog";
import { FailedChecksPanel, failedChecksOf } from "./failed-checks-panel";
import { OverviewTab } from "./overview-tab";
import { PublishRevealDialog } from "./publish-reveal-dialog";
import { useApplication, useRefreshApp, useSecurityChecks } from "./queries";
import { AppPageSkeleton } from "./skeleton";
import { AppStatusBadge, nextStep, pendingVersion, subjectStatus } from "./status";
import { TimelineTab } from "./timeline-tab";
import type { Application, AppTab, CheckDescriptions, PublishedApplication } from "./types";
import { VersionsTab } from "./versions-tab";
import { useAppTab } from "./view-state";

type Props = {
  appId: string;
  /** The viewer may edit and take the partner's lifecycle steps (write:applications). */
  canWrite: boolean;
  /** Scopes apps of the partner's tier may request. */
  allowedScopes: readonly string[];
  tier: string;
  descriptions: CheckDescriptions;
  /** The app as the server read it for this request: shown at once, then kept fresh by React Query. */
  initial?: Application;
};

const tabLabels: Record<AppTab, string> = {
  overview: "Overview",
  versions: "Versions",
  checks: "Security checks",
  credentials: "Credentials",
  timeline: "Timeline",
};

export function AppDetail(props: Props) {
  const app = useApplication(props.appId, props.initial);
  if (app.isPending) return <AppPageSkeleton />;
  if (app.isError) {
    if (app.error instanceof ApiError && app.error.status === 404) {
      return <NotFoundPanel title="App not found" body="There is no app of yours at this address." back={{ href: "/apps", label: "Back to apps" }} home={{ href: "/dashboard", label: "Dashboard" }} />;
    }
    return <ErrorState error={app.error} onRetry={() => app.refetch()} />;
  }
  return <AppPage {...props} app={app.data} />;
}

function AppPage({ app, canWrite, allowedScopes, tier, descriptions }: Props & { app: Application }) {
  const router = useRouter();
  const refresh = useRefreshApp(app.id);
  const [tab, setTab] = useAppTab();
  const checks = useSecurityChecks(app.id);
  const [submitFailure, setSubmitFailure] = useState<FieldError[] | null>(null);
  const [published, setPublished] = useState<(PublishedApplication & { clientSecret: string }) | null>(null);
  const [deprecating, setDeprecating] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const submit = useMutation({
    mutationFn: () => apiFetch<Application>(`/applications/${app.id}/submit`, { method: "POST" }),
    meta: { success: (a: Application) => `“${a.name}” ${pendingVersion(a) ? `version ${a.currentVersion.version} ` : ""}submitted for review`, error: false },
    onSuccess: () => {
      setSubmitFailure(null);
      void refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === "SECURITY_CHECKS_FAILED") {
        setSubmitFailure(e.errors);
        void refresh();
      }
    },
  });
  const publish = useMutation({
    mutationFn: () => apiFetch<PublishedApplication>(`/applications/${app.id}/publish`, { method: "POST" }),
    meta: { success: (a: PublishedApplication) => `“${a.name}” ${a.liveVersion?.version ?? ""} is live`, error: false },
    onSuccess: (a) => {
      if (a.clientSecret) setPublished({ ...a, clientSecret: a.clientSecret });
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch<void>(`/applications/${app.id}`, { method: "DELETE" }),
    meta: { success: `App “${app.name}” deleted`, error: false },
    onSuccess: () => {
      void refresh();
      router.push("/apps");
    },
  });

  const subject = subjectStatus(app);
  const editable = canWrite && app.status !== "deprecated" && ["draft", "rejected"].includes(subject);
  // The checks that block a submit: the submit's own answer, else the stored results of a version still being edited.
  const storedFailed = editable ? (checks.data?.data.filter((c) => c.status === "failed") ?? []) : [];
  const failed = submitFailure ? failedChecksOf(submitFailure) : storedFailed;
  const pending = pendingVersion(app);
  const rejectedVersion = subject === "rejected" ? (pending ?? app.currentVersion) : null;
  const can = (a: Application["actions"][number]) => canWrite && app.actions.includes(a);
  const stepError = [submit, publish].find((m) => m.isError && !(m.error instanceof ApiError && m.error.code === "SECURITY_CHECKS_FAILED"));

  const toOverview = () => {
    setTab("overview");
    // After the tab renders: the first field of the form takes focus.
    setTimeout(() => document.querySelector<HTMLElement>("form[aria-label='App details'] input:not([disabled])")?.focus(), 50);
  };

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-2xl font-semibold tracking-tight text-slate-900">
            <span className="min-w-0 break-words">{app.name}</span>
            <AppStatusBadge status={app.status} />
          </h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="next-step">
            {nextStep(app, { checksFailed: failed.length > 0 })}
          </p>
        </div>
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            {can("submit") && (
              <Button onClick={() => submit.mutate()} disabled={submit.isPending}>
                {submit.isPending ? "Running checks…" : "Submit for review"}
              </Button>
            )}
            {can("publish") && (
              <Button onClick={() => publish.mutate()} disabled={publish.isPending}>
                {publish.isPending ? "Publishing…" : pending ? `Publish ${pending.version}` : "Publish"}
              </Button>
            )}
            {can("deprecate") && (
              <Button variant="dangerOutline" onClick={() => setDeprecating(true)}>
                Deprecate…
              </Button>
            )}
            {!app.publishedAt && (
              <Button variant="dangerOutline" onClick={() => setDeleting(true)}>
                Delete…
              </Button>
            )}
          </div>
        )}
      </div>

      <div className="mb-6 grid gap-4 empty:hidden">
        {stepError && <ErrorState error={stepError.error} />}
        {rejectedVersion?.reviewNotes && (
          <section aria-labelledby="review-notes" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
            <h2 id="review-notes" className="flex items-center gap-2 font-semibold">
              <MessageSquareWarning aria-hidden className="size-4 shrink-0" />
              The reviewer asked for changes{pending ? ` to version ${rejectedVersion.version}` : ""}
            </h2>
            <p className="mt-1 whitespace-pre-wrap break-words">{rejectedVersion.reviewNotes}</p>
            {rejectedVersion.reviewedAt && (
              <p className="mt-1 text-xs text-red-800">
                Reviewed <Time value={rejectedVersion.reviewedAt} />
              </p>
            )}
            {canWrite && (
              <Button size="sm" className="mt-3" onClick={toOverview}>
                Edit and resubmit
              </Button>
            )}
          </section>
        )}
        {app.status === "deprecated" && (
          <section className="rounded-lg border border-orange-200 bg-orange-50 px-4 py-3 text-sm text-orange-900">
            <p className="font-semibold">
              Deprecated: stops working <Time value={app.sunsetAt} />
            </p>
            {app.deprecationMessage && <p className="mt-1 whitespace-pre-wrap break-words">{app.deprecationMessage}</p>}
          </section>
        )}
        {editable && failed.length > 0 && (
          <FailedChecksPanel
            checks={failed}
            descriptions={descriptions}
            checkedAt={submitFailure ? undefined : storedFailed[0]?.checkedAt}
            onFix={tab === "overview" ? undefined : toOverview}
          />
        )}
      </div>

      <Tabs.Root value={tab} onValueChange={(v) => setTab(v as AppTab)} activationMode="manual">
        <Tabs.List aria-label="App sections" className="mb-6 flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200">
          {(Object.keys(tabLabels) as AppTab[]).map((t) => (
            <Tabs.Trigger
              key={t}
              value={t}
              className="-mb-px border-b-2 border-transparent px-1 pb-2 pt-1 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:border-brand-600 data-[state=active]:text-brand-700"
            >
              {tabLabels[t]}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="overview" className="outline-none">
          <OverviewTab
            app={app}
            canWrite={canWrite}
            allowedScopes={allowedScopes}
            tier={tier}
            checkErrors={submitFailure ?? []}
            onSaved={() => {
              setSubmitFailure(null);
              void refresh();
            }}
          />
        </Tabs.Content>
        <Tabs.Content value="versions" className="outline-none">
          <VersionsTab app={app} />
        </Tabs.Content>
        <Tabs.Content value="checks" className="outline-none">
          <ChecksTab app={app} canWrite={canWrite} descriptions={descriptions} />
        </Tabs.Content>
        <Tabs.Content value="credentials" className="outline-none">
          <CredentialsTab app={app} canWrite={canWrite} />
        </Tabs.Content>
        <Tabs.Content value="timeline" className="outline-none">
          <TimelineTab app={app} />
        </Tabs.Content>
      </Tabs.Root>

      {published && <PublishRevealDialog app={published} onClose={() => setPublished(null)} />}
      {deprecating && <DeprecateDialog app={app} onClose={() => setDeprecating(false)} onDeprecated={() => void refresh()} />}
      <ConfirmDialog
        open={deleting}
        title={`Delete “${app.name}”?`}
        confirmLabel="Delete app"
        danger
        busy={remove.isPending}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate()}
      >
        <p>The app, its versions and its check results are deleted. It was never published, so nobody has installed it. This cannot be undone.</p>
        {remove.isError && (
          <div className="mt-3">
            <ErrorState error={remove.error} />
          </div>
        )}
      </ConfirmDialog>
    </>
  );
}
