import { Badge } from "@/components/ui/badge";
import { invoiceStatusMeaning, invoiceStatusTone, payoutStatusTone } from "./format";
import type { InvoiceStatus, PayoutStatus } from "./types";

// A billing document's status in one word with the shared badge colours (AA on their tints);
// never colour alone: the word is the status, and overdue also says what it means.

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <span className="inline-flex items-center gap-1" data-status={status}>
      <Badge tone={invoiceStatusTone[status] ?? "gray"}>{status}</Badge>
      {status === "overdue" && <span className="sr-only">: {invoiceStatusMeaning.overdue}</span>}
    </span>
  );
}

export function PayoutStatusBadge({ status }: { status: PayoutStatus }) {
  return <Badge tone={payoutStatusTone[status] ?? "gray"}>{status}</Badge>;
}
