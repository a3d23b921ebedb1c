"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import { formatDateTime } from "@/components/keys/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { JsonBlock } from "./json-block";
import type { Delivery, DeliveryAttempt, DeliveryDetail } from "./types";

export function DeliveryDetailDialog({
  partnerId,
  deliveryId,
  canWrite,
  onClose,
}: {
  partnerId: string;
  deliveryId: string;
  canWrite: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ["webhook-delivery", deliveryId],
    queryFn: () => apiFetch<DeliveryDetail>(`/webhooks/deliveries/${deliveryId}`),
    refetchInterval: (q) => (q.state.data?.status === "pending" ? 5_000 : false),
  });
  const retry = useMutation({
    mutationFn: () => apiFetch<Delivery>(`/webhooks/deliveries/${deliveryId}/retry`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["webhook-delivery", deliveryId] });
      qc.invalidateQueries({ queryKey: ["webhook-deliveries", partnerId] });
    },
  });
  const d = detail.data;
  const retryable = canWrite && (d?.status === "failed" || d?.status === "dead");

  return (
    <Dialog
      open
      onClose={onClose}
      title="Delivery attempts"
      footer={
        <>
          {retryable && (
            <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate()}>
              {retry.isPending ? "Retrying…" : "Retry"}
            </Button>
          )}
          <Button onClick={onClose}>Close</Button>
        </>
      }
    >
      {detail.isPending ? (
        <LoadingState />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
      ) : (
        <div className="grid gap-4">
          <div className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs text-slate-900">{d!.eventType}</code>
            <Badge>{d!.status}</Badge>
            {d!.isTest && <Badge tone="blue">test</Badge>}
            <span className="text-xs text-slate-500">event {d!.eventId}</span>
          </div>
          {d!.nextAttemptAt && <p className="text-xs text-slate-600">Next attempt {formatDateTime(d!.nextAttemptAt)}</p>}
          {retry.isError && <ErrorState error={retry.error} />}
          {retry.isSuccess && <p className="text-xs text-emerald-700">Retry queued.</p>}
          {d!.attemptsLog.length === 0 ? (
            <p className="text-slate-500">No attempts yet: the first one is queued.</p>
          ) : (
            <ol className="grid gap-3">
              {d!.attemptsLog.map((a) => (
                <AttemptItem key={a.attemptNumber} attempt={a} />
              ))}
            </ol>
          )}
        </div>
      )}
    </Dialog>
  );
}

function AttemptItem({ attempt: a }: { attempt: DeliveryAttempt }) {
  const ok = a.responseStatus != null && a.responseStatus >= 200 && a.responseStatus < 300;
  return (
    <li className="rounded-md border border-slate-200">
      <details open>
        <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-xs">
          <span className="font-semibold text-slate-900">Attempt {a.attemptNumber}</span>
          <Badge tone={ok ? "green" : "red"}>{a.responseStatus != null ? String(a.responseStatus) : "no response"}</Badge>
          {a.durationMs != null && <span className="text-slate-500">{a.durationMs} ms</span>}
          <span className="text-slate-500">{formatDateTime(a.startedAt)}</span>
        </summary>
        <div className="grid gap-3 border-t border-slate-200 px-3 py-3">
          {a.error && <p className="rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800">{a.error}</p>}
          <JsonBlock label="Request headers" value={a.requestHeaders} />
          <JsonBlock label="Request body" value={a.requestBody} />
          <JsonBlock label="Response headers" value={a.responseHeaders} />
          <JsonBlock label="Response body" value={a.responseBody} />
        </div>
      </details>
    </li>
  );
}
