"use client";

import { XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { CheckDescriptions } from "./types";

export type FailedCheck = { check: string; field: string; message: string };

/** A 422 SECURITY_CHECKS_FAILED answer's errors (`{path: field, message: "<check>: <message>"}`) as checks. */
export function failedChecksOf(errors: readonly { path: string; message: string }[]): FailedCheck[] {
  return errors.map((e) => {
    const m = /^([a-z0-9_]+): ([\s\S]*)$/.exec(e.message);
    return m ? { check: m[1], field: e.path, message: m[2] } : { check: "check", field: e.path, message: e.message };
  });
}

/** The checks that block a submit, each with what to change, and a way to the form that changes it. */
export function FailedChecksPanel({
  checks,
  descriptions,
  checkedAt,
  onFix,
  onRerun,
  rerunning,
}: {
  checks: FailedCheck[];
  descriptions: CheckDescriptions;
  /** When the checks ran, if these are stored results rather than the submit's answer. */
  checkedAt?: string;
  onFix?: () => void;
  onRerun?: () => void;
  rerunning?: boolean;
}) {
  return (
    <section
      aria-labelledby="failed-checks-title"
      data-testid="failed-checks"
      className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <h2 id="failed-checks-title" className="flex items-center gap-2 font-semibold">
        <XCircle aria-hidden className="size-4 shrink-0" />
        {checks.length === 1 ? "1 security check failed" : `${checks.length} security checks failed`}: fix {checks.length === 1 ? "it" : "them"} to
        submit
      </h2>
      {checkedAt && (
        <p className="mt-0.5 text-xs text-red-800">
          As of the last check run, <Time value={checkedAt} />.
        </p>
      )}
      <ul className="mt-2 grid gap-2">
        {checks.map((c) => (
          <li key={`${c.check}-${c.field}`} data-check={c.check} className="rounded-md bg-white/60 px-3 py-2 ring-1 ring-inset ring-red-200">
            <p className="flex flex-wrap items-baseline gap-x-2">
              <code className="font-mono text-xs font-semibold text-red-900">{c.check}</code>
              <span className="text-xs text-red-800">
                field <code className="font-mono">{c.field}</code>
              </span>
            </p>
            <p className="mt-0.5 break-words text-red-900">{c.message}</p>
            {descriptions[c.check] && <p className="mt-0.5 text-xs text-red-800">{descriptions[c.check]}</p>}
          </li>
        ))}
      </ul>
      {(onFix || onRerun) && (
        <div className="mt-3 flex flex-wrap gap-2">
          {onFix && (
            <Button size="sm" onClick={onFix}>
              Fix on the Overview tab
            </Button>
          )}
          {onRerun && (
            <Button size="sm" variant="secondary" onClick={onRerun} disabled={rerunning}>
              {rerunning ? "Running…" : "Run checks again"}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
