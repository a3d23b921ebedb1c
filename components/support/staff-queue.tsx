"use client";

import { useMutation } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useId, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { KpiCard } from "@/components/billing/admin/kpi-card";
import { parseAsSearch } from "@/components/url-state/parsers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { ticketCategories, type Ticket } from "@/lib/support/schemas";
import { FilterField, PrioritySelect, StatusSelect } from "./filter-selects";
import { categoryLabel, isTicketCategory, staffSla, ticketNumber } from "./format";
import { ticketPath, ticketsKey, useRefreshSupport, useSupportStats } from "./queries";
import { queueColumns, type QueueTableMeta } from "./staff-queue-columns";
import { useNow } from "@/components/ui/clock";
import { parseAsAssignee, parseAsCategory, parseAsPriority, parseAsStatuses, parseAsTier, STAFF_DEFAULT_STATUSES, staffStatusPresets } from "./url-filters";

// The staff queue: every ticket, the reply due soonest first (breached ones at the top, in red and
// saying so), with the queue's pressure points counted above it. Filters live in the URL.

const filters = {
  status: parseAsStatuses.withDefault(STAFF_DEFAULT_STATUSES),
  priority: parseAsPriority,
  category: parseAsCategory,
  assignee: parseAsAssignee,
  tier: parseAsTier,
  q: parseAsSearch,
};

export function StaffQueue({ meId }: { meId: string }) {
  const id = useId();
  const now = useNow();
  const refresh = useRefreshSupport();
  const [view, setView] = useQueryStates(filters);
  const list = usePagedList<Ticket>(
    [...ticketsKey, "queue"],
    "/support/tickets",
    {
      sort: "sla",
      status: view.status.join(","),
      priority: view.priority ?? undefined,
      category: view.category ?? undefined,
      assignee: view.assignee ?? undefined,
      tier: view.tier ?? undefined,
      q: view.q ?? undefined,
    },
    25,
    { refetchInterval: 30_000 },
  );
  const [assigningId, setAssigningId] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: (t: Ticket) => apiFetch<Ticket>(ticketPath(t.id), { method: "PATCH", body: { assigneeId: meId } }),
    meta: { success: (t: Ticket) => `${ticketNumber(t.number)} is assigned to you` },
    onMutate: (t) => setAssigningId(t.id),
    onSettled: () => setAssigningId(null),
    onSuccess: async (t) => {
      await refresh();
      // The button is gone once the ticket is yours: focus goes to the ticket itself.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-ticket-link="${t.id}"]`)?.focus());
    },
  });
  const filtered = !!(view.priority || view.category || view.assignee || view.tier || view.q) || view.status.join(",") !== STAFF_DEFAULT_STATUSES.join(",");
  const meta: QueueTableMeta = { meId, assigningId, onAssignToMe: (t) => assign.mutate(t) };

  return (
    <div className="grid gap-6">
      <QueueStats />
      <Card>
        <div role="group" aria-label="Filter tickets" className="mb-4 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
          <FilterField id={`${id}-q`} label="Search">
            <Input id={`${id}-q`} type="search" placeholder="Subject or #number" value={view.q ?? ""} onChange={(e) => void setView({ q: e.target.value || null })} className="sm:w-52" />
          </FilterField>
          <StatusSelect id={`${id}-status`} value={view.status} presets={staffStatusPresets} onChange={(v) => void setView({ status: v })} />
          <PrioritySelect id={`${id}-priority`} value={view.priority} onChange={(v) => void setView({ priority: v })} />
          <FilterField id={`${id}-category`} label="Category">
            <Select id={`${id}-category`} value={view.category ?? ""} onChange={(e) => void setView({ category: isTicketCategory(e.target.value) ? e.target.value : null })}>
              <option value="">All categories</option>
              {ticketCategories.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel[c]}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField id={`${id}-assignee`} label="Assignee">
            <Select
              id={`${id}-assignee`}
              value={view.assignee ?? ""}
              onChange={(e) => void setView({ assignee: e.target.value === "me" || e.target.value === "none" ? e.target.value : null })}
            >
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
            </Select>
          </FilterField>
          <FilterField id={`${id}-tier`} label="Partner tier">
            <Select
              id={`${id}-tier`}
              value={view.tier ?? ""}
              onChange={(e) => {
                const v = e.target.value;
                void setView({ tier: v === "standard" || v === "premium" || v === "enterprise" ? v : null });
              }}
            >
              <option value="">Any tier</option>
              <option value="enterprise">Enterprise</option>
              <option value="premium">Premium</option>
              <option value="standard">Standard</option>
            </Select>
          </FilterField>
        </div>
        <p className="mb-3 text-xs text-slate-600">The reply due soonest first: breached tickets on top. Times in UTC.</p>
        {list.isPending ? (
          <LoadingState label="Loading the queue…" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.data.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No tickets match"
              action={
                <Button
                  variant="secondary"
                  onClick={() => void setView({ status: null, priority: null, category: null, assignee: null, tier: null, q: null })}
                >
                  Back to open and pending
                </Button>
              }
            >
              Try other filters.
            </EmptyState>
          ) : (
            <EmptyState title="The queue is empty">No open or pending tickets. New tickets from partners and customers show here.</EmptyState>
          )
        ) : (
          <div aria-busy={list.isFetching && list.isPlaceholderData}>
            <DataTable
              label="Ticket queue"
              columns={queueColumns}
              data={list.data.data}
              getRowId={(t) => t.id}
              meta={meta}
              rowProps={(t) => {
                const sla = staffSla(t, now).kind;
                return {
                  "data-testid": `queue-row-${t.number}`,
                  "data-sla": sla,
                  className: sla === "breached" ? "bg-red-50 max-md:border-red-300!" : sla === "due-soon" ? "bg-amber-50 max-md:border-amber-300!" : undefined,
                };
              }}
            />
            <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
          </div>
        )}
      </Card>
    </div>
  );
}

function QueueStats() {
  const stats = useSupportStats();
  if (stats.isPending) return <LoadingState label="Counting tickets…" />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const breached = s.breached ?? 0;
  const soon = s.dueWithinHour ?? 0;
  return (
    <section aria-label="Queue counts" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <KpiCard label="Open" value={s.open} detail={`${s.pending} pending on requesters`} testId="stat-open" />
      <KpiCard label="Breached" value={<span className={breached ? "text-red-700" : undefined}>{breached}</span>} detail="Missed a reply target" testId="stat-breached" />
      <KpiCard label="Due within an hour" value={<span className={soon ? "text-amber-800" : undefined}>{soon}</span>} detail="Reply owed in the next 60 min" testId="stat-due-soon" />
      <KpiCard label="Unassigned" value={s.unassigned ?? 0} detail="Open or pending, nobody on it" testId="stat-unassigned" />
    </section>
  );
}
