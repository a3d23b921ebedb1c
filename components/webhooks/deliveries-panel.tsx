"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useQueryState } from "nuqs";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { parseAsId } from "@/components/url-state/parsers";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { deliveryColumns, retryable, selectableDeliveryColumns } from "./delivery-columns";
import { DeliveryDetailSheet } from "./delivery-detail-sheet";
import { DeliveryFilters, rangeMs, type LogFilterState } from "./delivery-filters";
import { useAllEndpoints, useEventTypes } from "./queries";
import type { Delivery } from "./types";
import { useDeliveryList } from "./use-delivery-list";

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
  // The open detail sheet is in the URL (`?delivery=<id>`): it can be linked, and Back closes it.
  const [openId, setOpenId] = useQueryState("delivery", parseAsId.withOptions({ history: "push" }));

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
          <DataTable
            label="Deliveries"
            columns={canWrite ? selectableDeliveryColumns : deliveryColumns}
            data={rows}
            getRowId={(d) => d.id}
            meta={{
              endpointById,
              onOpen: setOpenId,
              selected,
              canSelectAll: selectable.length > 0,
              allSelected,
              onSelectAll: (on) => setSelected(on ? selectable.map((d) => d.id) : []),
              onSelect: toggle,
            }}
            rowProps={(d) => ({
              "data-testid": `delivery-row-${d.id}`,
              className: "cursor-pointer hover:bg-slate-50",
              onClick: () => setOpenId(d.id),
            })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {openId && (
        <DeliveryDetailSheet
          partnerId={partnerId}
          deliveryId={openId}
          endpoints={endpoints.data?.data}
          canWrite={canWrite}
          onClose={() => setOpenId(null)}
        />
      )}
    </Card>
  );
}
