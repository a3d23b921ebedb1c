"use client";

import { UserPlus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import type { Ticket } from "@/lib/support/schemas";
import { PriorityBadge, TicketStatusBadge } from "./badges";
import { categoryLabel, ticketNumber } from "./format";
import { StaffDueCell } from "./sla";

/** What the queue's cells read from the list (the DataTable's `meta`). */
export type QueueTableMeta = {
  meId: string;
  assigningId: string | null;
  onAssignToMe: (ticket: Ticket) => void;
};

export const staffTicketHref = (id: string) => `/admin/tickets/${id}`;

const col = dataColumnHelper<Ticket, QueueTableMeta>();

export const queueColumns = col.columns([
  col.accessor("subject", {
    header: "Ticket",
    meta: { primary: true, wrap: true },
    cell: ({ row: { original: t } }) => (
      <span className="block min-w-[12rem] max-w-md">
        <Link href={staffTicketHref(t.id)} data-ticket-link={t.id} className="font-medium text-slate-900 hover:underline">
          <span className="font-mono text-xs text-slate-600">{ticketNumber(t.number)}</span> {t.subject}
        </Link>
        <span className="block text-xs text-slate-600">
          {t.requester.name}
          {t.requester.tier && t.requester.tier !== "standard" ? ` · ${t.requester.tier}` : ""}
          {t.requester.type === "account" ? " · customer" : ""}
        </span>
      </span>
    ),
  }),
  col.display({ id: "due", header: "Reply due", cell: ({ row: { original: t } }) => <StaffDueCell ticket={t} /> }),
  col.accessor("status", { header: "Status", cell: (c) => <TicketStatusBadge status={c.getValue()} /> }),
  col.accessor("priority", { header: "Priority", cell: (c) => <PriorityBadge priority={c.getValue()} /> }),
  col.accessor("category", { header: "Category", cell: (c) => categoryLabel[c.getValue()], meta: { hide: "xl" } }),
  col.display({
    id: "assignee",
    header: "Assignee",
    cell: ({ row: { original: t }, table }) => {
      const { meId } = tableMeta(table);
      if (!t.assignee) return <span className="text-slate-600">Unassigned</span>;
      return t.assignee.id === meId ? <span className="font-medium">You</span> : t.assignee.name;
    },
    meta: { hide: "lg" },
  }),
  col.accessor("updatedAt", { header: "Updated", cell: (c) => <Time value={c.getValue()} />, meta: { hide: "2xl" } }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: t }, table }) => {
      const { meId, assigningId, onAssignToMe } = tableMeta(table);
      if (t.status === "closed" || t.assignee?.id === meId) return null;
      return (
        <Button
          variant="secondary"
          size="sm"
          disabled={assigningId === t.id}
          onClick={() => onAssignToMe(t)}
          className="max-md:p-1.5"
        >
          <UserPlus aria-hidden className="size-3.5" />
          <span className="max-md:sr-only">{assigningId === t.id ? "Assigning…" : "Assign to me"}</span>
          <span className="sr-only">: {ticketNumber(t.number)}</span>
        </Button>
      );
    },
  }),
]);
