import Link from "next/link";
import type { ReactNode } from "react";
import type { Ticket } from "@/lib/support/schemas";
import { PriorityBadge, TicketStatusBadge } from "./badges";
import { categoryLabel, ticketNumber } from "./format";

/** The ticket's title block: its number, subject, status, priority and category; actions on the right. */
export function TicketHeader({ ticket, actions, followUpHref }: { ticket: Ticket; actions?: ReactNode; followUpHref?: (id: string) => string }) {
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <p className="font-mono text-sm text-slate-600" data-testid="ticket-number">
          Ticket {ticketNumber(ticket.number)}
        </p>
        <h1 className="mt-0.5 text-2xl font-semibold tracking-tight text-slate-900 [overflow-wrap:anywhere]">{ticket.subject}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span className="sr-only">Status:</span>
          <span data-testid="ticket-status">
            <TicketStatusBadge status={ticket.status} />
          </span>
          <span className="sr-only">Priority:</span>
          <PriorityBadge priority={ticket.priority} />
          <span aria-hidden>·</span>
          <span>{categoryLabel[ticket.category]}</span>
          {ticket.followUpOf && followUpHref && (
            <>
              <span aria-hidden>·</span>
              <span>
                follows up{" "}
                <Link href={followUpHref(ticket.followUpOf.id)} className="font-medium text-brand-700 hover:underline">
                  {ticketNumber(ticket.followUpOf.number)}
                </Link>
              </span>
            </>
          )}
        </div>
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
