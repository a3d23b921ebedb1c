"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { AddEndpointDialog } from "./add-endpoint-dialog";
import { endpointColumns, endpointName, type EndpointAction } from "./endpoint-row";
import { useWebhookStats } from "./queries";
import { RevealSecretDialog } from "./reveal-secret-dialog";
import type { Endpoint } from "./types";

type Pending = { action: Exclude<EndpointAction, "test">; endpoint: Endpoint } | null;

export function EndpointsPanel({
  partnerId,
  canWrite,
  onTestSent,
}: {
  partnerId: string;
  canWrite: boolean;
  /** A test delivery was queued: show the log for that endpoint. */
  onTestSent: (endpointId: string) => void;
}) {
  const qc = useQueryClient();
  const list = usePagedList<Endpoint>(["webhook-endpoints", partnerId], "/webhooks/endpoints");
  const stats = useWebhookStats(partnerId);
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ["webhook-endpoints", partnerId] });
    qc.invalidateQueries({ queryKey: ["webhook-stats", partnerId] });
  };
  const path = (e: Endpoint) => `/webhooks/endpoints/${e.id}`;
  const done = () => {
    setPending(null);
    refresh();
  };

  const sendTest = useMutation({
    mutationFn: (e: Endpoint) => apiFetch(`${path(e)}/test`, { body: {}, idempotencyKey: crypto.randomUUID() }),
    meta: { success: "Test event queued: showing the delivery log" },
    onSuccess: (_d, e) => {
      refresh();
      qc.invalidateQueries({ queryKey: ["webhook-deliveries", partnerId] });
      onTestSent(e.id);
    },
  });
  const enable = useMutation({
    mutationFn: (e: Endpoint) => apiFetch(path(e), { method: "PATCH", body: { status: "enabled" } }),
    meta: { success: (_: unknown, e: Endpoint) => `“${endpointName(e)}” enabled` },
    onSuccess: refresh,
  });
  const name = pending ? `“${endpointName(pending.endpoint)}”` : "Endpoint";
  const disable = useMutation({
    mutationFn: (e: Endpoint) => apiFetch(path(e), { method: "PATCH", body: { status: "disabled" } }),
    meta: { success: (_: unknown, e: Endpoint) => `“${endpointName(e)}” disabled`, error: false },
    onSuccess: done,
  });
  const rotate = useMutation({
    mutationFn: (e: Endpoint) => apiFetch(`${path(e)}/rotate-secret`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    meta: { success: (_: unknown, e: Endpoint) => `Signing secret of “${endpointName(e)}” rotated`, error: false },
    onSuccess: (_d, e) => {
      qc.removeQueries({ queryKey: ["webhook-secret", e.id] });
      done();
    },
  });
  const remove = useMutation({
    mutationFn: (e: Endpoint) => apiFetch(path(e), { method: "DELETE" }),
    meta: { success: (_: unknown, e: Endpoint) => `“${endpointName(e)}” deleted`, error: false },
    onSuccess: done,
  });

  const onAction = (endpoint: Endpoint, action: EndpointAction) => {
    if (action === "test") return sendTest.mutate(endpoint);
    if (action === "toggle" && endpoint.status === "disabled") return enable.mutate(endpoint);
    setPending({ action, endpoint });
  };
  const confirmed = { toggle: disable, rotate, delete: remove } as const;
  const current = pending && pending.action !== "reveal" ? confirmed[pending.action] : null;
  const close = () => {
    if (current?.isPending) return;
    setPending(null);
    current?.reset();
  };

  const addButton = canWrite ? <Button onClick={() => setAdding(true)}>Add endpoint</Button> : undefined;
  const statsFor = (id: string) => stats.data?.endpoints.find((s) => s.endpointId === id);
  const rowBusy = (e: Endpoint) => (sendTest.isPending && sendTest.variables?.id === e.id) || (enable.isPending && enable.variables?.id === e.id);

  const confirmProps = (action: "toggle" | "rotate" | "delete") => ({
    open: pending?.action === action,
    danger: true,
    busy: confirmed[action].isPending,
    onCancel: close,
    onConfirm: () => pending && confirmed[action].mutate(pending.endpoint),
  });
  const failure = (action: "toggle" | "rotate" | "delete") =>
    confirmed[action].isError && (
      <div className="mt-3">
        <ErrorState error={confirmed[action].error} />
      </div>
    );
  const url = pending && <code className="break-all font-mono text-xs text-slate-900">{pending.endpoint.url}</code>;

  return (
    <Card title="Endpoints" actions={list.data?.data.length ? addButton : undefined}>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No webhook endpoints yet" action={addButton}>
          Webhooks push platform events (a new lead, a paid invoice, a claim update) to your servers as signed HTTPS POST requests, so you
          don&apos;t have to poll. Add an endpoint URL, choose the events it receives, and verify each request with its signing secret.
        </EmptyState>
      ) : (
        <>
          <DataTable
            label="Webhook endpoints"
            columns={endpointColumns}
            data={list.data.data}
            getRowId={(e) => e.id}
            meta={{ canWrite, statsFor, isBusy: rowBusy, onAction }}
            rowProps={(e) => ({ "data-testid": `endpoint-row-${e.id}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {adding && <AddEndpointDialog onClose={() => setAdding(false)} onCreated={refresh} />}
      {pending?.action === "reveal" && <RevealSecretDialog endpoint={pending.endpoint} onClose={() => setPending(null)} />}
      <ConfirmDialog {...confirmProps("rotate")} title={`Rotate the signing secret of ${name}?`} confirmLabel="Rotate secret">
        <p>
          A new secret starts signing deliveries to {url} now. For the next 24 hours every delivery carries both signatures (old and new
          secret), so you can deploy the new secret to your receiver without dropping events.
        </p>
        {failure("rotate")}
      </ConfirmDialog>
      <ConfirmDialog {...confirmProps("toggle")} title={`Disable ${name}?`} confirmLabel="Disable endpoint">
        <p>
          {url} stops receiving events now. Deliveries still due go to the dead-letter queue, where you can retry them once it is enabled
          again (or replay the gap from the Replay tab).
        </p>
        {failure("toggle")}
      </ConfirmDialog>
      <ConfirmDialog {...confirmProps("delete")} title={`Delete ${name}?`} confirmLabel="Delete endpoint">
        <p>{url} stops receiving events immediately and pending retries are dropped. This cannot be undone.</p>
        {failure("delete")}
      </ConfirmDialog>
    </Card>
  );
}
