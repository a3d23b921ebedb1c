"use client";

import { ArrowRight, Minus, Plus } from "lucide-react";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import type { ApplicationVersion } from "@/lib/applications/schemas";
import type { ListDiff, ScalarDiff, VersionDiff } from "@/lib/applications/version-diff";

/** The candidate version against the live one: what the reviewer must judge anew. */
export function VersionDiffCard({
  diff,
  live,
  candidate,
  scopeWords,
}: {
  diff: VersionDiff;
  live: ApplicationVersion | null;
  candidate: ApplicationVersion;
  scopeWords: Record<string, string>;
}) {
  const same = live?.id === candidate.id;
  return (
    <Card title={diff.firstVersion ? "Version: first version" : `Changes: ${live?.version} → ${candidate.version}`}>
      {diff.firstVersion ? (
        <p className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="first-version">
          <strong>First version.</strong> Nothing of this app is live yet, so everything below is new.
        </p>
      ) : same ? (
        <p className="mb-4 text-sm text-slate-600">This is the live version: there is nothing newer to compare.</p>
      ) : !diff.changed ? (
        <p className="mb-4 text-sm text-slate-600">No differences from the live version {live?.version}.</p>
      ) : (
        <p className="mb-4 text-sm text-slate-600">
          Version {candidate.version} against the live {live?.version}. New items are marked <Badge tone="green">New</Badge>, removed ones are struck
          through.
        </p>
      )}
      <div className="grid gap-5">
        <ListChanges
          label="Requested scopes"
          diff={diff.requestedScopes}
          render={(scope) => (
            <>
              <span className="font-mono">{scope}</span>
              <span className="text-slate-600"> · {scopeWords[scope] ?? scope}</span>
            </>
          )}
          testId="diff-scopes"
        />
        <ListChanges label="Redirect URIs" diff={diff.redirectUris} render={(uri) => <span className="font-mono">{uri}</span>} />
        <ScalarChange label="Webhook URL" diff={diff.webhookUrl} />
        <ScalarChange label="Health-check URL" diff={diff.healthCheckUrl} />
        <ListChanges label="Mappable fields" diff={diff.mappableFields} render={(f) => <span className="font-mono">{f}</span>} />
        <section>
          <h3 className="mb-1.5 text-sm font-semibold text-slate-900">Configuration schema</h3>
          {!diff.configSchema.changed ? (
            <p className="text-sm text-slate-600">{diff.configSchema.after ? "Unchanged." : "None."}</p>
          ) : (
            <div className="grid gap-3 lg:grid-cols-2">
              {!diff.firstVersion && <CodeBlock label="Live" value={diff.configSchema.before} empty="No schema" />}
              <CodeBlock label={diff.firstVersion ? "Schema" : "This version"} value={diff.configSchema.after} empty="No schema" />
            </div>
          )}
        </section>
        {diff.scopeJustifications.length > 0 && !diff.firstVersion && (
          <section>
            <h3 className="mb-1.5 text-sm font-semibold text-slate-900">Scope justifications changed</h3>
            <ul className="grid gap-2 text-sm">
              {diff.scopeJustifications.map((j) => (
                <li key={j.scope} className="rounded-md border border-slate-200 px-3 py-2">
                  <span className="font-mono text-xs text-slate-700">{j.scope}</span>
                  {j.before && (
                    <p className="mt-1 break-words text-slate-600 line-through decoration-red-500">
                      <span className="sr-only">Was: </span>
                      {j.before}
                    </p>
                  )}
                  <p className="mt-1 break-words text-slate-900">
                    {j.after ?? <span className="text-slate-600">No justification any more</span>}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Card>
  );
}

function ListChanges({ label, diff, render, testId }: { label: string; diff: ListDiff; render: (item: string) => ReactNode; testId?: string }) {
  const total = diff.added.length + diff.removed.length + diff.unchanged.length;
  return (
    <section data-testid={testId}>
      <h3 className="mb-1.5 text-sm font-semibold text-slate-900">{label}</h3>
      {total === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
      ) : (
        <ul className="grid min-w-0 grid-cols-1 gap-1 text-sm">
          {diff.added.map((item) => (
            <li
              key={`+${item}`}
              data-change="added"
              className="flex min-w-0 items-start gap-2 rounded-md bg-emerald-50 px-2 py-1 text-emerald-900 ring-1 ring-inset ring-emerald-600/30"
            >
              <Plus aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
              <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{render(item)}</span>
              <Badge tone="green">New</Badge>
            </li>
          ))}
          {diff.removed.map((item) => (
            <li key={`-${item}`} data-change="removed" className="flex min-w-0 items-start gap-2 rounded-md bg-red-50 px-2 py-1 text-red-800">
              <Minus aria-hidden className="mt-0.5 size-4 shrink-0 text-red-700" />
              <del className="min-w-0 flex-1 [overflow-wrap:anywhere] decoration-red-600">{render(item)}</del>
              <Badge tone="red">Removed</Badge>
            </li>
          ))}
          {diff.unchanged.map((item) => (
            <li key={`=${item}`} data-change="unchanged" className="flex min-w-0 items-start gap-2 px-2 py-1 text-slate-700">
              <span aria-hidden className="size-4 shrink-0" />
              <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{render(item)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ScalarChange({ label, diff }: { label: string; diff: ScalarDiff }) {
  return (
    <section>
      <h3 className="mb-1.5 text-sm font-semibold text-slate-900">{label}</h3>
      {!diff.changed ? (
        <p className="font-mono text-sm text-slate-700 [overflow-wrap:anywhere]">{diff.after ?? <span className="font-sans text-slate-600">None.</span>}</p>
      ) : diff.before === null ? (
        <p className="flex items-start gap-2 rounded-md bg-emerald-50 px-2 py-1 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-600/30">
          <Plus aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
          <span className="min-w-0 flex-1 [overflow-wrap:anywhere] font-mono">{diff.after}</span>
          <Badge tone="green">New</Badge>
        </p>
      ) : (
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" data-change="changed">
          <del className="break-all font-mono text-red-800 decoration-red-600">
            <span className="sr-only">Was </span>
            {diff.before}
          </del>
          <ArrowRight aria-hidden className="size-4 shrink-0 text-slate-600" />
          <span className="sr-only">becomes</span>
          <span className="break-all font-mono text-emerald-800">{diff.after ?? <span className="font-sans">none (removed)</span>}</span>
        </p>
      )}
    </section>
  );
}
