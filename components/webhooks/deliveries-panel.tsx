"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { DeliveryDetailSheet } from "./delivery-detail-sheet";
import { endpointName } from "./endpoint-row";
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
    meta: { success: (r: { data: Delivery[] }) => (r.data.length === 1 ? "Retry queued" : `${r.data.length} retries queued`) },
    onSuccess: () => {
      setSelected([]);
      qc.invalidateQueries({ queryKey: ["webhook-deliveries", partnerId] });
    },
  });

  const rows = list.data?.data ?? [];
  const selectable = rows.filter(retryable);
  const allSelected = selectable.length > 0 && selectable.every((d) => selected.includes(d.id));
  const endpointById = (id: string) => endpoints.data?.data.find((e) => e.id === id);
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
            label="Deliveries"
            head={[
              ...(canWrite
                ? [
                    {
                      header: (
                        <input
                          type="checkbox"
                          aria-label="Select all retryable deliveries"
                          disabled={selectable.length === 0}
                          checked={allSelected}
                          onChange={(e) => setSelected(e.target.checked ? selectable.map((d) => d.id) : [])}
                        />
                      ),
                      className: "w-10",
                    },
                  ]
                : []),
              "Event type",
              "Endpoint",
              "Status",
              { header: "Attempts", hide: "lg" as const },
              { header: "Response", hide: "2xl" as const },
              { header: "Next attempt", hide: "2xl" as const },
              "Created",
            ]}
          >
            {rows.map((d) => {
              const ep = endpointById(d.endpointId);
              return (
                <tr key={d.id} data-testid={`delivery-row-${d.id}`} className="cursor-pointer hover:bg-slate-50" onClick={() => setOpenId(d.id)}>
                  {canWrite && (
                    <Td actions className="md:w-10 md:text-left">
                      {retryable(d) && (
                        <input
                          type="checkbox"
                          aria-label={`Select ${d.eventType} delivery to ${ep ? endpointName(ep) : "endpoint"}`}
                          checked={selected.includes(d.id)}
                          className="max-md:m-2.5"
                          onClick={(e) => e.stopPropagation()}
                          onChange={(e) => toggle(d.id, e.target.checked)}
                        />
                      )}
                    </Td>
                  )}
                  <Td primary>
                    <button
                      type="button"
                      className="text-left font-mono text-xs font-medium text-slate-900 hover:underline"
                      onClick={(e) => {
                        e.stopPropagation();
                        setOpenId(d.id);
                      }}
                    >
                      {d.eventType}
                    </button>
                    {d.isTest && <span className="ml-2 text-xs text-slate-600">test</span>}
                  </Td>
                  <Td label="Endpoint">
                    {/* The description names it; else the URL without the scheme (the full URL is in the tooltip and the detail). */}
                    <span className="block max-w-[14rem] truncate text-xs" title={ep?.url}>
                      {ep ? endpointName(ep) : "—"}
                    </span>
                  </Td>
                  <Td label="Status">
                    <Badge>{d.status}</Badge>
                    {d.lastError && d.status !== "succeeded" && (
                      <span className="block max-w-[11rem] truncate text-xs text-slate-600" title={d.lastError}>
                        {d.lastError}
                      </span>
                    )}
                    {/* The hidden Next attempt column, in short, while it is hidden from the table. */}
                    {d.nextAttemptAt && (
                      <span className="hidden text-xs text-slate-600 md:block 2xl:hidden">
                        next <Time value={d.nextAttemptAt} />
                      </span>
                    )}
                  </Td>
                  <Td label="Attempts" hide="lg" className="tabular-nums">
                    {d.attempts}
                  </Td>
                  <Td label="Response" hide="2xl" className="tabular-nums">
                    {d.lastResponseStatus ?? <span className="text-slate-600">—</span>}
                  </Td>
                  <Td label="Next attempt" hide="2xl">
                    <Time value={d.nextAttemptAt} />
                  </Td>
                  <Td label="Created">
                    <Time value={d.createdAt} />
                  </Td>
                </tr>
              );
            })}
          </Table>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {openId && (
        <DeliveryDetailSheet
          partnerId={partnerId}
          deliveryId={openId}
          endpoint={endpointById(rows.find((r) => r.id === openId)?.endpointId ?? "")}
          canWrite={canWrite}
          onClose={() => setOpenId(null)}
        />
      )}
    </Card>
  );
}
