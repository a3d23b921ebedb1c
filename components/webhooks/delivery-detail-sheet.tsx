"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import { apiFetch } from "@/components/api/api-fetch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { Sheet, SheetContent } from "@/components/ui/sheet";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { endpointName } from "./endpoint-row";
import type { Delivery, DeliveryAttempt, DeliveryDetail, Endpoint } from "./types";

const succeeded = (a: DeliveryAttempt) => a.responseStatus != null && a.responseStatus >= 200 && a.responseStatus < 300;

/**
 * One delivery in a wide side sheet: what it is and where it goes, then its
 * timeline newest first (the next attempt, each attempt with its request and
 * response, collapsible, the latest open), and Retry / Resend.
 */
export function DeliveryDetailSheet({
  partnerId,
  deliveryId,
  endpoints,
  canWrite,
  onClose,
}: {
  partnerId: string;
  deliveryId: string;
  /** The partner's endpoints, when the caller has them (for the delivery's endpoint name). */
  endpoints?: Endpoint[];
  canWrite: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ["webhook-delivery", deliveryId],
    queryFn: () => apiFetch<DeliveryDetail>(`/webhooks/deliveries/${deliveryId}`),
    // Live while something is still to happen.
    refetchInterval: (q) => (q.state.data?.status === "pending" || q.state.data?.status === "failed" ? 5_000 : false),
  });
  const d = detail.data;
  const endpoint = d && endpoints?.find((e) => e.id === d.endpointId);
  const resend = d?.status === "succeeded";
  const retry = useMutation({
    mutationFn: () => apiFetch<Delivery>(`/webhooks/deliveries/${deliveryId}/retry`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    meta: { success: resend ? "Delivery sent again" : "Retry queued" },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["webhook-delivery", deliveryId] });
      qc.invalidateQueries({ queryKey: ["webhook-deliveries", partnerId] });
    },
  });
  const canRetry = canWrite && (d?.status === "failed" || d?.status === "dead" || d?.status === "succeeded");
  const attempts = [...(d?.attemptsLog ?? [])].sort((a, b) => b.attemptNumber - a.attemptNumber);

  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent
        title="Delivery details"
        width="max-w-3xl"
        description={
          d ? (
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs font-semibold text-slate-900">{d.eventType}</code>
              <Badge>{d.status}</Badge>
              {d.isTest && <Badge tone="blue">test</Badge>}
              <span className="text-xs">
                to {endpoint ? endpointName(endpoint) : "endpoint"} · created <Time value={d.createdAt} />
              </span>
            </span>
          ) : (
            "Loading…"
          )
        }
        footer={
          canRetry && (
            <Button disabled={retry.isPending} onClick={() => retry.mutate()}>
              <RotateCw aria-hidden className="size-4" />
              {retry.isPending ? "Sending…" : resend ? "Resend" : "Retry now"}
            </Button>
          )
        }
      >
        {detail.isPending ? (
          <LoadingState />
        ) : detail.isError ? (
          <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
        ) : (
          <div className="grid gap-6">
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-slate-600">Endpoint</dt>
              <dd className="min-w-0">
                {endpoint?.description && <span className="block text-slate-900">{endpoint.description}</span>}
                <code className="break-all font-mono text-xs text-slate-800">{endpoint?.url ?? d!.endpointId}</code>
              </dd>
              <dt className="text-slate-600">Event id</dt>
              <dd className="flex min-w-0 items-center gap-2">
                <code className="break-all font-mono text-xs text-slate-800">{d!.eventId}</code>
                <CopyButton value={d!.eventId} name="Copy event id" variant="ghost" />
              </dd>
              <dt className="text-slate-600">Attempts</dt>
              <dd>{d!.attempts}</dd>
            </dl>
            <section aria-labelledby="delivery-timeline">
              <h3 id="delivery-timeline" className="mb-3 text-sm font-semibold text-slate-900">
                Timeline
              </h3>
              <ol className="relative grid gap-3 border-l border-slate-200 pl-5">
                {d!.nextAttemptAt && (d!.status === "pending" || d!.status === "failed") && (
                  <TimelineItem tone="pending">
                    <span className="font-medium text-slate-900">{d!.attempts === 0 ? "First attempt" : "Next attempt"}</span>{" "}
                    <Time value={d!.nextAttemptAt} />
                  </TimelineItem>
                )}
                {d!.status === "dead" && (
                  <TimelineItem tone="bad">
                    <span className="font-medium text-slate-900">Gave up</span>: in the dead-letter queue{d!.lastError ? ` (${d!.lastError})` : ""}.
                    {canWrite && " Retry it by hand when your endpoint is ready."}
                  </TimelineItem>
                )}
                {attempts.length === 0 && d!.status === "pending" && !d!.nextAttemptAt && (
                  <TimelineItem tone="pending">
                    <span className="font-medium text-slate-900">Queued</span>: the first attempt is on its way.
                  </TimelineItem>
                )}
                {attempts.map((a, i) => (
                  <AttemptItem key={a.attemptNumber} attempt={a} open={i === 0} />
                ))}
                <TimelineItem tone="neutral">
                  <span className="font-medium text-slate-900">Created</span> <Time value={d!.createdAt} />
                </TimelineItem>
              </ol>
            </section>
          </div>
        )}
      </SheetContent>
    </Sheet>
  );
}

const dots = {
  good: "bg-emerald-500 ring-emerald-100",
  bad: "bg-red-500 ring-red-100",
  pending: "bg-amber-400 ring-amber-100",
  neutral: "bg-slate-400 ring-slate-100",
} as const;

function TimelineItem({ tone, children }: { tone: keyof typeof dots; children: React.ReactNode }) {
  return (
    <li className="relative text-sm text-slate-700">
      <span aria-hidden className={`absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full ring-4 ${dots[tone]}`} />
      {children}
    </li>
  );
}

function AttemptItem({ attempt: a, open }: { attempt: DeliveryAttempt; open: boolean }) {
  const ok = succeeded(a);
  return (
    <li className="relative" data-testid={`attempt-${a.attemptNumber}`}>
      <span aria-hidden className={`absolute -left-[1.6rem] top-3 size-2.5 rounded-full ring-4 ${ok ? dots.good : dots.bad}`} />
      <details open={open} className="group rounded-md border border-slate-200 bg-white">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-2 px-3 py-2 text-sm [&::-webkit-details-marker]:hidden">
          <span aria-hidden className="text-slate-600 transition group-open:rotate-90">
            ›
          </span>
          <span className="font-semibold text-slate-900">Attempt {a.attemptNumber}</span>
          <Badge tone={ok ? "green" : "red"}>{a.responseStatus != null ? String(a.responseStatus) : "no response"}</Badge>
          {a.durationMs != null && <span className="text-xs text-slate-600">{a.durationMs} ms</span>}
          <span className="ml-auto text-xs text-slate-600">
            <Time value={a.startedAt} focusable={false} />
          </span>
        </summary>
        <div className="grid gap-4 border-t border-slate-200 px-3 py-3">
          {a.error && <p className="rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800 [overflow-wrap:anywhere]">{a.error}</p>}
          <CodeBlock label="Request headers" headers={a.requestHeaders} />
          <CodeBlock label="Request body" value={a.requestBody} />
          <CodeBlock label="Response headers" headers={a.responseHeaders} empty="No response" />
          <CodeBlock label="Response body" value={a.responseBody} empty={a.responseStatus == null ? "No response" : "Empty body"} />
        </div>
      </details>
    </li>
  );
}
