"use client";

import { useState } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { EventDetailSheet, EventTargetName } from "./event-detail-sheet";
import { eventKeys } from "./queries";
import type { PlatformEvent } from "./types";

export function RecentEventsCard() {
  const [type, setType] = useState("");
  const filter = type.trim();
  const list = usePagedList<PlatformEvent>([...eventKeys.list], "/events", { type: filter || undefined });
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <Card title="Recent events">
      <div className="mb-4 flex flex-wrap gap-3">
        <Input
          type="search"
          aria-label="Filter by event type"
          placeholder="Filter by type, e.g. lead.created or lead.*"
          value={type}
          onChange={(e) => {
            setType(e.target.value);
            list.reset();
          }}
          className="max-w-xs font-mono"
        />
      </div>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={filter ? "No events match" : "No events yet"}>
          {filter ? "Try another type, or a wildcard like lead.*." : "Events appear here once they are published."}
        </EmptyState>
      ) : (
        <>
          <Table label="Recent events" head={["Type", "Target", { header: "Event id", hide: "lg" }, "Published"]}>
            {list.data.data.map((ev) => (
              <tr key={ev.id} data-testid={`event-row-${ev.id}`} className="cursor-pointer hover:bg-slate-50" onClick={() => setOpenId(ev.id)}>
                <Td primary>
                  <button
                    type="button"
                    className="text-left font-mono text-xs font-medium text-slate-900 hover:underline"
                    onClick={(e) => {
                      e.stopPropagation();
                      setOpenId(ev.id);
                    }}
                  >
                    {ev.type}
                  </button>
                </Td>
                <Td label="Target">
                  <span className="text-xs">
                    <EventTargetName event={ev} />
                  </span>
                </Td>
                <Td label="Event id" hide="lg">
                  <span className="font-mono text-xs text-slate-600" title={ev.id}>
                    {ev.id.slice(0, 8)}…
                  </span>
                </Td>
                <Td label="Published">
                  <Time value={ev.createdAt} />
                </Td>
              </tr>
            ))}
          </Table>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {openId && <EventDetailSheet eventId={openId} onClose={() => setOpenId(null)} />}
    </Card>
  );
}
