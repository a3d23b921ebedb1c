"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { useNow } from "@/components/keys/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table } from "@/components/ui/table";
import { AddEndpointDialog } from "./add-endpoint-dialog";
import { EndpointRow, type EndpointAction } from "./endpoint-row";
import { useWebhookStats } from "./queries";
import { RevealSecretDialog } from "./reveal-secret-dialog";
import type { Endpoint } from "./types";

type Pending = { action: EndpointAction; endpoint: Endpoint } | null;

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
  const now = useNow();
  const list = usePagedList<Endpoint>(["webhook-endpoints", partnerId], "/webhooks/endpoints");
  const stats = useWebhookStats(partnerId);
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ["webhook-endpoints", partnerId] });
    qc.invalidateQueries({ queryKey: ["webhook-stats", partnerId] });
  };

  const act = useMutation({
    mutationFn: ({ action, endpoint: e }: NonNullable<Pending>) => {
      const path = `/webhooks/endpoints/${e.id}`;
      if (action === "test") return apiFetch(`${path}/test`, { body: {}, idempotencyKey: crypto.randomUUID() });
      if (action === "rotate") return apiFetch(`${path}/rotate-secret`, { method: "POST", idempotencyKey: crypto.randomUUID() });
      if (action === "delete") return apiFetch(path, { method: "DELETE" });
      return apiFetch(path, { method: "PATCH", body: { status: e.status === "enabled" ? "disabled" : "enabled" } });
    },
    onSuccess: (_d, p) => {
      setPending(null);
      refresh();
      if (p.action === "test") {
        qc.invalidateQueries({ queryKey: ["webhook-deliveries", partnerId] });
        onTestSent(p.endpoint.id);
      }
      if (p.action === "rotate") qc.removeQueries({ queryKey: ["webhook-secret", p.endpoint.id] });
    },
  });

  const onAction = (endpoint: Endpoint, action: EndpointAction) => {
    act.reset();
    if (action === "test" || action === "toggle") act.mutate({ action, endpoint });
    else setPending({ action, endpoint });
  };
  const close = () => {
    setPending(null);
    act.reset();
  };

  const addButton = canWrite ? <Button onClick={() => setAdding(true)}>Add endpoint</Button> : undefined;
  const statsFor = (id: string) => stats.data?.endpoints.find((s) => s.endpointId === id);
  const inlineError = act.isError && (!pending || pending.action === "reveal");

  return (
    <Card title="Endpoints" actions={list.data?.data.length ? addButton : undefined}>
      {inlineError && (
        <div className="mb-4">
          <ErrorState error={act.error} />
        </div>
      )}
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
          <Table head={["URL", "Events", "Status", "Success rate", "p50", "Last success", ""]}>
            {list.data.data.map((e) => (
              <EndpointRow
                key={e.id}
                endpoint={e}
                stats={statsFor(e.id)}
                now={now}
                canWrite={canWrite}
                busy={act.isPending && act.variables?.endpoint.id === e.id}
                onAction={(a) => onAction(e, a)}
              />
            ))}
          </Table>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {adding && <AddEndpointDialog onClose={() => setAdding(false)} onCreated={refresh} />}
      {pending?.action === "reveal" && <RevealSecretDialog endpoint={pending.endpoint} onClose={close} />}
      <ConfirmDialog
        open={pending?.action === "rotate"}
        title="Rotate signing secret?"
        confirmLabel="Rotate secret"
        busy={act.isPending}
        onCancel={close}
        onConfirm={() => pending && act.mutate(pending)}
      >
        <p>
          A new secret starts signing deliveries now. For the next 24 hours every delivery carries both signatures (old and new secret), so
          you can deploy the new secret to your receiver without dropping events.
        </p>
        {act.isError && (
          <div className="mt-3">
            <ErrorState error={act.error} />
          </div>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.action === "delete"}
        title="Delete endpoint?"
        confirmLabel="Delete endpoint"
        danger
        busy={act.isPending}
        onCancel={close}
        onConfirm={() => pending && act.mutate(pending)}
      >
        {pending && (
          <p>
            <code className="break-all font-mono text-xs text-slate-900">{pending.endpoint.url}</code> stops receiving events immediately and
            pending retries are dropped. This cannot be undone.
          </p>
        )}
        {act.isError && (
          <div className="mt-3">
            <ErrorState error={act.error} />
          </div>
        )}
      </ConfirmDialog>
    </Card>
  );
}
