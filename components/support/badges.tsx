import { Badge } from "@/components/ui/badge";
import type { TicketPriority, TicketStatus } from "@/lib/support/schemas";
import { priorityLabel, priorityTone, statusLabel, statusTone } from "./format";

// A ticket's status and priority in one word each, with the shared badge colours (AA on their
// tints); the word is the meaning, the colour only repeats it.

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span className="inline-flex" data-status={status}>
      <Badge tone={statusTone[status]}>{statusLabel[status]}</Badge>
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <span className="inline-flex" data-priority={priority}>
      <Badge tone={priorityTone[priority]}>{priorityLabel[priority]}</Badge>
    </span>
  );
}
