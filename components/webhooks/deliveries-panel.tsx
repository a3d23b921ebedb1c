"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { formatDateTime, relativeTime, useNow } from "@/components/keys/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { DeliveryDetailDialog } from "./delivery-detail-dialog";
import { DeliveryFilters, rangeMs, type LogFilterState } from "./delivery-filters";
import { useAllEndpoints, useEventTypes } from "./queries";
import type { Delivery } from "./types";
import { useDeliveryList } from "./use-delivery-list";

const retryable = (d: Delivery) => d.status === "failed" || d.status === "dead";

export function DeliveriesPanel({
  partnerId,
  canWrite,
  filters,
  onFiltersChange,
}: {
  partnerId: string;
  canWrite: boolean;
  filters: LogFilterState;
  onFiltersChange: (f: LogFilterState) => void;
}) {
  const qc = useQueryClient();
  const now = useNow(5_000);
  // The window is anchored when the range is chosen so the query key stays stable between refreshes.
  const [anchor, setAnchor] = useState(() => Date.now());
  const from = new Date(anchor - rangeMs[filters.range]).toISOString();
  const list = useDeliveryList(partnerId, {
    status: filters.status || undefined,
    endpointId: filters.endpointId || undefined,
    eventType: filters.eventType || undefined,
    from,
  });
  const endpoints = useAllEndpoints(partnerId);
  const eventTypes = useEventTypes();
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);

  const retry = useMutation({
    mutationFn: (ids: string[]) =>
      apiFetch<{ data: Delivery[] }>("/webhooks/deliveries/retry", { body: { ids }, idempotencyKey: crypto.randomUUID() }),
    onSuccess: () => {
      setSelected([]);
      qc.invalidateQueries({ queryKey: ["webhook-deliveries", partnerId] });
    },
  });

  const rows = list.data?.data ?? [];
  const selectable = rows.filter(retryable);
  const allSelected = selectable.length > 0 && selectable.every((d) => selected.includes(d.id));
  const endpointUrl = (id: string) => endpoints.data?.data.find((e) => e.id === id)?.url ?? id;
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  return (
    <Card
      title="Delivery log"
      actions={
        canWrite && (
          <Button size="sm" variant="secondary" disabled={selected.length === 0 || retry.isPending} onClick={() => retry.mutate(selected.slice(0, 100))}>
            {retry.isPending ? "Retrying…" : `Retry selected${selected.length ? ` (${selected.length})` : ""}`}
          </Button>
        )
      }
    >
      <DeliveryFilters
        value={filters}
        onChange={(f) => {
          if (f.range !== filters.range) setAnchor(Date.now());
          onFiltersChange(f);
          setSelected([]);
          list.reset();
        }}
        endpoints={endpoints.data?.data ?? []}
        eventTypes={eventTypes.data?.data.map((t) => t.name) ?? []}
      />
      {retry.isError && (
        <div className="mb-4">
          <ErrorState error={retry.error} />
        </div>
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No deliveries match">
          Deliveries appear here as events are sent to your endpoints. Send a test event from an endpoint, or widen the filters.
        </EmptyState>
      ) : (
        <>
          <Table
            head={[
              canWrite ? (
                <input
                  key="all"
                  type="checkbox"
                  aria-label="Select all retryable deliveries"
                  disabled={selectable.length === 0}
                  checked={allSelected}
                  onChange={(e) => setSelected(e.target.checked ? selectable.map((d) => d.id) : [])}
                />
              ) : (
                ""
              ),
              "Event type",
              "Endpoint",
              "Status",
              "Attempts",
              "Response",
              "Next attempt",
              "Created",
            ]}
          >
            {rows.map((d) => (
              <tr key={d.id} data-testid={`delivery-row-${d.id}`} className="cursor-pointer hover:bg-slate-50" onClick={() => setOpenId(d.id)}>
                <Td>
                  {canWrite && retryable(d) && (
                    <input
                      type="checkbox"
                      aria-label={`Select delivery ${d.id}`}
                      checked={selected.includes(d.id)}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) => toggle(d.id, e.target.checked)}
                    />
                  )}
                </Td>
                <Td>
                  <code className="font-mono text-xs text-slate-900">{d.eventType}</code>
                  {d.isTest && <span className="ml-2 text-xs text-slate-500">test</span>}
                </Td>
                <Td>
                  {/* The scheme is noise in a narrow column; the full URL is in the tooltip and the detail. */}
                  <code className="block max-w-[11rem] truncate font-mono text-xs" title={endpointUrl(d.endpointId)}>
                    {endpointUrl(d.endpointId).replace(/^https?:\/\//, "")}
                  </code>
                </Td>
                <Td>
                  <span title={d.lastError ?? undefined}>
                    <Badge>{d.status}</Badge>
                  </span>
                </Td>
                <Td>{d.attempts}</Td>
                <Td>{d.lastResponseStatus ?? <span className="text-slate-400">—</span>}</Td>
                <Td>
                  {d.nextAttemptAt ? (
                    <span title={formatDateTime(d.nextAttemptAt)}>{relativeTime(d.nextAttemptAt, now)}</span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </Td>
                <Td>
                  <span title={formatDateTime(d.createdAt)}>{relativeTime(d.createdAt, now)}</span>
                </Td>
              </tr>
            ))}
          </Table>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {openId && <DeliveryDetailDialog partnerId={partnerId} deliveryId={openId} canWrite={canWrite} onClose={() => setOpenId(null)} />}
    </Card>
  );
}
