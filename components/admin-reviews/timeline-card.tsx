"use client";

import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import type { TimelineEntry } from "@/lib/applications/schemas";
import { useTimeline } from "./queries";

const actionWords: Record<string, string> = {
  "application.created": "Created",
  "application.updated": "Edited",
  "application.submit": "Submitted for review",
  "application.review": "Review started",
  "application.approve": "Approved",
  "application.reject": "Rejected",
  "application.publish": "Published",
  "application.deprecate": "Deprecated",
  "application.checks_rerun": "Checks run again",
  "application.installers_notified": "Installers notified",
  "application.deleted": "Deleted",
};

function words(action: string): string {
  if (actionWords[action]) return actionWords[action];
  const rest = action.replace(/^application\./, "").replace(/[._]/g, " ");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The reason, notes, version or warnings an entry carries, as short lines. */
function detailLines(e: TimelineEntry): string[] {
  const d = e.details;
  const out: string[] = [];
  if (typeof d.version === "string") out.push(`Version ${d.version}${d.update ? " (update)" : ""}`);
  if (typeof d.reason === "string") out.push(`Reason: ${d.reason}`);
  if (typeof d.notes === "string") out.push(`Notes: ${d.notes}`);
  if (Array.isArray(d.warnings) && d.warnings.length) out.push(`Warnings: ${d.warnings.join(", ")}`);
  return out;
}

export function TimelineCard({ applicationId }: { applicationId: string }) {
  const timeline = useTimeline(applicationId);
  return (
    <Card title="Timeline">
      {timeline.isPending ? (
        <LoadingState />
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : timeline.data.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing recorded yet.</p>
      ) : (
        <ol className="grid gap-3 border-l border-slate-200 pl-4 text-sm">
          {timeline.data.data.map((e) => (
            <li key={e.id} className="relative">
              <span aria-hidden className="absolute -left-[21px] top-1.5 size-2.5 rounded-full bg-slate-300 ring-2 ring-white" />
              <p className="font-medium text-slate-900">{words(e.action)}</p>
              <p className="text-xs text-slate-600">
                {e.actor ?? "Portico"} · <Time value={e.createdAt} />
              </p>
              {detailLines(e).map((line) => (
                <p key={line} className="mt-0.5 break-words text-xs text-slate-700">
                  {line}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
