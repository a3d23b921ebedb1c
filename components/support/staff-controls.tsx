"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Select } from "@/components/ui/field";
import { ticketCategories, ticketPriorities, ticketStatuses, type Ticket, type UpdateTicketInput } from "@/lib/support/schemas";
import { categoryLabel, formatDue, isTicketCategory, isTicketPriority, isTicketStatus, priorityLabel, replyDueAt, statusLabel, ticketNumber } from "./format";
import { ticketKey, ticketPath, useRefreshSupport } from "./queries";

// Staff change a ticket from its sidebar: status, priority (the API recomputes the due times, and
// the new one is said beside the control), category and assignee. Each change is saved at once.

const staffSettableStatuses = ticketStatuses.filter((s) => s !== "closed");

const labelClass = "mb-1 block text-xs font-medium text-slate-700";

export function StaffControls({ ticket, me }: { ticket: Ticket; me: { id: string; name: string } }) {
  const id = useId();
  const qc = useQueryClient();
  const refresh = useRefreshSupport();
  const [said, setSaid] = useState("");
  const closed = ticket.status === "closed";

  const update = useMutation({
    mutationFn: (patch: UpdateTicketInput) => apiFetch<Ticket>(ticketPath(ticket.id), { method: "PATCH", body: patch }),
    meta: {
      success: (t: Ticket, patch: UpdateTicketInput) => {
        if (patch.priority) {
          const due = replyDueAt(t);
          return `Priority is ${priorityLabel[t.priority].toLowerCase()}${due ? `; the reply is now due ${formatDue(due)}` : ""}`;
        }
        if (patch.status) return `${ticketNumber(t.number)} is ${statusLabel[t.status].toLowerCase()}`;
        if (patch.assigneeId !== undefined) return t.assignee ? `Assigned to ${t.assignee.id === me.id ? "you" : t.assignee.name}` : "Unassigned";
        return "Ticket updated";
      },
    },
    onSuccess: (t, patch) => {
      qc.setQueryData(ticketKey(t.id), t);
      void refresh();
      if (patch.priority) {
        const due = replyDueAt(t);
        setSaid(due ? `Reply now due ${formatDue(due)}.` : "No reply is owed right now.");
      }
    },
    onError: () => void refresh(),
  });

  const assigneeOptions = [
    { value: "", label: "Unassigned" },
    { value: me.id, label: `Me (${me.name})` },
    ...(ticket.assignee && ticket.assignee.id !== me.id ? [{ value: ticket.assignee.id, label: ticket.assignee.name }] : []),
  ];

  return (
    <div className="grid gap-4 text-sm" aria-busy={update.isPending}>
      <div>
        <label htmlFor={`${id}-status`} className={labelClass}>
          Status
        </label>
        <Select
          id={`${id}-status`}
          value={ticket.status}
          disabled={closed}
          onChange={(e) => {
            const v = e.target.value;
            if (isTicketStatus(v) && v !== "closed") update.mutate({ status: v });
          }}
        >
          {/* Nobody closes by hand: the scheduler closes a ticket 4 days after it was resolved. */}
          {(closed ? ticketStatuses : staffSettableStatuses).map((s) => (
            <option key={s} value={s}>
              {statusLabel[s]}
            </option>
          ))}
        </Select>
        <p className="mt-1 text-xs text-slate-600">{closed ? "Closed tickets never change." : "Resolved tickets close by themselves after 4 days."}</p>
      </div>
      <div>
        <label htmlFor={`${id}-priority`} className={labelClass}>
          Priority
        </label>
        <Select
          id={`${id}-priority`}
          value={ticket.priority}
          disabled={closed}
          aria-describedby={`${id}-priority-said`}
          onChange={(e) => isTicketPriority(e.target.value) && update.mutate({ priority: e.target.value })}
        >
          {[...ticketPriorities].reverse().map((p) => (
            <option key={p} value={p}>
              {priorityLabel[p]}
            </option>
          ))}
        </Select>
        <p id={`${id}-priority-said`} aria-live="polite" className="mt-1 text-xs text-slate-700" data-testid="priority-recomputed">
          {said}
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-category`} className={labelClass}>
          Category
        </label>
        <Select
          id={`${id}-category`}
          value={ticket.category}
          disabled={closed}
          onChange={(e) => isTicketCategory(e.target.value) && update.mutate({ category: e.target.value })}
        >
          {ticketCategories.map((c) => (
            <option key={c} value={c}>
              {categoryLabel[c]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor={`${id}-assignee`} className={labelClass}>
          Assignee
        </label>
        <Select
          id={`${id}-assignee`}
          value={ticket.assignee?.id ?? ""}
          disabled={closed}
          onChange={(e) => update.mutate({ assigneeId: e.target.value || null })}
        >
          {assigneeOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
