"use client";

import { useQueryState } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { parseAsId, parseAsSearch } from "@/components/url-state/parsers";
import { Input } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { eventColumns } from "./event-columns";
import { EventDetailSheet } from "./event-detail-sheet";
import { eventKeys } from "./queries";
import type { PlatformEvent } from "./types";

export function RecentEventsCard() {
  // The filter lives in the URL (`?type=lead.*`): a filtered list can be linked and survives reload.
  const [type, setType] = useQueryState("type", parseAsSearch);
  const filter = type?.trim() ?? "";
  const list = usePagedList<PlatformEvent>([...eventKeys.list], "/events", { type: filter || undefined });
  // The open detail sheet is in the URL (`?event=<id>`): it can be linked, and Back closes it.
  const [openId, setOpenId] = useQueryState("event", parseAsId.withOptions({ history: "push" }));

  return (
    <Card title="Recent events">
      <div className="mb-4 flex flex-wrap gap-3">
        <Input
          type="search"
          aria-label="Filter by event type"
          placeholder="Filter by type, e.g. lead.created or lead.*"
          value={type ?? ""}
          onChange={(e) => setType(e.target.value || null)}
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
          <DataTable
            label="Recent events"
            columns={eventColumns}
            data={list.data.data}
            getRowId={(ev) => ev.id}
            meta={{ onOpen: setOpenId }}
            rowProps={(ev) => ({
              "data-testid": `event-row-${ev.id}`,
              className: "cursor-pointer hover:bg-slate-50",
              onClick: () => setOpenId(ev.id),
            })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {openId && <EventDetailSheet eventId={openId} onClose={() => setOpenId(null)} />}
    </Card>
  );
}
