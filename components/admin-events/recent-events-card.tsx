"use client";

import { useState } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import { formatDateTime } from "@/components/keys/format";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { EventDetailDialog } from "./event-detail-dialog";
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
          <Table head={["Type", "Target", "Event id", "Published"]}>
            {list.data.data.map((ev) => (
              <tr key={ev.id} data-testid={`event-row-${ev.id}`} className="cursor-pointer hover:bg-slate-50" onClick={() => setOpenId(ev.id)}>
                <Td>
                  <button type="button" className="font-mono text-xs font-medium text-slate-900 hover:underline" onClick={() => setOpenId(ev.id)}>
                    {ev.type}
                  </button>
                </Td>
                <Td>
                  <EventTarget event={ev} />
                </Td>
                <Td>
                  <span className="font-mono text-xs text-slate-500">{ev.id.slice(0, 8)}…</span>
                </Td>
                <Td>{formatDateTime(ev.createdAt)}</Td>
              </tr>
            ))}
          </Table>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {openId && <EventDetailDialog eventId={openId} onClose={() => setOpenId(null)} />}
    </Card>
  );
}

function EventTarget({ event }: { event: PlatformEvent }) {
  if (event.partnerId) return <span className="text-xs">partner <code className="font-mono text-slate-500">{event.partnerId.slice(0, 8)}…</code></span>;
  if (event.accountId) return <span className="text-xs">account <code className="font-mono text-slate-500">{event.accountId.slice(0, 8)}…</code></span>;
  return <span className="text-xs text-slate-500">—</span>;
}
