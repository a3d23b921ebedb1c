import { Badge } from "@/components/ui/badge";
import type { BillingRun } from "@/lib/billing/schemas";
import { invoiceStatusMeaning, invoiceStatusTone, payoutStatusTone, runStatusTone } from "./format";
import type { InvoiceStatus, PayoutStatus } from "./types";

// A billing status in one word with the shared badge colours (AA on their tints), the same in the
// portal and the admin pages; never colour alone: the word is the status, and overdue also says
// what it means.

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

export function RunStatusBadge({ status }: { status: BillingRun["status"] }) {
  return <Badge tone={runStatusTone[status] ?? "gray"}>{status}</Badge>;
}
