"use client";

import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { appKeys } from "./queries";
import type { Application, TimelineEntry } from "./types";

const actions: Record<string, string> = {
  "application.created": "Created the app",
  "application.updated": "Edited the app",
  "application.deleted": "Deleted the app",
  "application.submit": "Submitted for review",
  "application.review": "Started the review",
  "application.approve": "Approved",
  "application.reject": "Rejected",
  "application.publish": "Published",
  "application.deprecate": "Deprecated the app",
  "application.installers_notified": "Told the installers",
  "application.checks_rerun": "Ran the security checks again",
  "application.signing_secret_rotated": "Rotated the webhook signing secret",
};

/** An audit action in words: the known ones by name, others from their last part ("application.foo_bar" → "Foo bar"). */
export function actionInWords(action: string): string {
  if (actions[action]) return actions[action];
  const last = action.split(".").pop() ?? action;
  return last.charAt(0).toUpperCase() + last.slice(1).replace(/_/g, " ");
}

/** The details worth a sentence: the version, the reviewer's reason or notes, the deprecation's terms, warnings. */
function detailLines(e: TimelineEntry): string[] {
  const d = e.details as Record<string, unknown>;
  const lines: string[] = [];
  const str = (k: string) => (typeof d[k] === "string" && d[k] ? (d[k] as string) : null);
  if (str("version")) lines.push(`Version ${str("version")}${d.update ? " (an update of the live app)" : ""}`);
  if (str("from") && str("to")) lines.push(`${str("from")!.replace("_", " ")} → ${str("to")!.replace("_", " ")}`);
  if (str("reason")) lines.push(`Reason: ${str("reason")}`);
  if (str("notes")) lines.push(`Notes: ${str("notes")}`);
  if (str("sunsetAt")) lines.push(`Sunset ${str("sunsetAt")!.slice(0, 10)}`);
  if (str("message")) lines.push(`Message: ${str("message")}`);
  if (Array.isArray(d.warnings) && d.warnings.length) lines.push(`Warnings: ${d.warnings.join(", ")}`);
  if (typeof d.accounts === "number") lines.push(`${d.accounts} account${d.accounts === 1 ? "" : "s"} notified`);
  if (d.clientCreated === true) lines.push("OAuth client created");
  return lines;
}

export function TimelineTab({ app }: { app: Application }) {
  const list = usePagedList<TimelineEntry>([...appKeys.timeline(app.id)], `/applications/${app.id}/timeline`);
  return (
    <Card title="Timeline">
      {list.isPending ? (
        <LoadingState label="Loading timeline…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="Nothing has happened yet">Each step of the app (submit, review, publish, edits) shows up here with who took it.</EmptyState>
      ) : (
        <>
          <ol className="grid gap-0" aria-label="Timeline">
            {list.data.data.map((e) => {
              const lines = detailLines(e);
              return (
                <li key={e.id} className="relative border-l-2 border-slate-200 pb-4 pl-4 last:pb-0">
                  <span aria-hidden className="absolute -left-[5px] top-1.5 size-2 rounded-full bg-brand-600" />
                  <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                    <span className="font-medium text-slate-900">{actionInWords(e.action)}</span>
                    <span className="text-xs text-slate-600">
                      {e.actor ?? "Portico"} · <Time value={e.createdAt} />
                    </span>
                  </p>
                  {lines.map((l) => (
                    <p key={l} className="mt-0.5 whitespace-pre-wrap break-words text-xs text-slate-700">
                      {l}
                    </p>
                  ))}
                </li>
              );
            })}
          </ol>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
