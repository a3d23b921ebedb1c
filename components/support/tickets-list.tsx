"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import type { Ticket } from "@/lib/support/schemas";
import { PriorityBadge, TicketStatusBadge } from "./badges";
import { PrioritySelect, StatusSelect } from "./filter-selects";
import { categoryLabel, describeStatuses, priorityLabel, ticketNumber } from "./format";
import { ticketsKey } from "./queries";
import { RequesterDueCell } from "./sla";
import { parseAsPriority, parseAsStatuses, requesterStatusPresets } from "./url-filters";

export const newTicketLinkClass =
  "inline-flex items-center justify-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm transition hover:bg-brand-700";

const col = dataColumnHelper<Ticket>();
const columns = col.columns([
  col.accessor("subject", {
    header: "Ticket",
    meta: { primary: true, wrap: true },
    cell: ({ row: { original: t } }) => (
      <span className="block min-w-[12rem] max-w-md">
        <Link href={`/support/${t.id}`} className="font-medium text-slate-900 hover:underline">
          <span className="font-mono text-xs text-slate-600">{ticketNumber(t.number)}</span> {t.subject}
        </Link>
      </span>
    ),
  }),
  col.accessor("status", { header: "Status", cell: (c) => <TicketStatusBadge status={c.getValue()} /> }),
  col.accessor("priority", { header: "Priority", cell: (c) => <PriorityBadge priority={c.getValue()} /> }),
  col.accessor("category", { header: "Category", cell: (c) => categoryLabel[c.getValue()], meta: { hide: "xl" } }),
  col.display({ id: "reply", header: "Reply", cell: ({ row: { original: t } }) => <RequesterDueCell ticket={t} /> }),
  col.accessor("updatedAt", { header: "Updated", cell: (c) => <Time value={c.getValue()} />, meta: { hide: "lg" } }),
]);

/** The requester's tickets (their partner's or agency's), newest first; status and priority filters live in the URL. */
export function TicketsList() {
  const id = useId();
  const [{ status, priority }, setView] = useQueryStates({ status: parseAsStatuses, priority: parseAsPriority });
  const list = usePagedList<Ticket>([...ticketsKey, "mine"], "/support/tickets", { status: status?.join(","), priority: priority ?? undefined });
  const filtered = !!status || !!priority;
  const newTicket = (
    <Link href="/support/new" className={newTicketLinkClass}>
      <Plus aria-hidden className="size-4" />
      New ticket
    </Link>
  );

  return (
    <Card>
      <div className="mb-4 flex flex-wrap items-end gap-3" role="group" aria-label="Filter tickets">
        <StatusSelect id={`${id}-status`} value={status ?? []} presets={requesterStatusPresets} onChange={(v) => void setView({ status: v.length ? v : null })} />
        <PrioritySelect id={`${id}-priority`} value={priority} onChange={(v) => void setView({ priority: v })} />
      </div>
      {list.isPending ? (
        <LoadingState label="Loading tickets…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No tickets match"
            action={
              <Button variant="secondary" onClick={() => void setView({ status: null, priority: null })}>
                Show every ticket
              </Button>
            }
          >
            No {[status ? describeStatuses(status).toLowerCase() : null, priority ? `${priorityLabel[priority].toLowerCase()} priority` : null].filter(Boolean).join(", ")} tickets.
          </EmptyState>
        ) : (
          <EmptyState title="No tickets yet" action={newTicket}>
            Ask the Portico team anything: a failing webhook, an invoice, your account. Tickets you and your team open show here.
          </EmptyState>
        )
      ) : (
        <div aria-busy={list.isFetching && list.isPlaceholderData}>
          <DataTable label="Support tickets" columns={columns} data={list.data.data} getRowId={(t) => t.id} rowProps={(t) => ({ "data-testid": `ticket-row-${t.number}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </div>
      )}
    </Card>
  );
}
