import { Badge, type Tone } from "@/components/ui/badge";
import type { BillingRun, InvoiceStatus, PayoutStatus } from "@/lib/billing/schemas";

// One colour per state, the same wherever a state shows; the word is always there too.

const invoiceTones: Record<InvoiceStatus, Tone> = { open: "blue", paid: "green", void: "gray", overdue: "red" };
const payoutTones: Record<PayoutStatus, Tone> = { pending: "yellow", processing: "blue", paid: "green", failed: "red" };
const runTones: Record<BillingRun["status"], Tone> = { pending: "yellow", running: "blue", succeeded: "green", failed: "red" };

export const InvoiceStatusBadge = ({ status }: { status: InvoiceStatus }) => <Badge tone={invoiceTones[status]}>{status}</Badge>;
export const PayoutStatusBadge = ({ status }: { status: PayoutStatus }) => <Badge tone={payoutTones[status]}>{status}</Badge>;
export const RunStatusBadge = ({ status }: { status: BillingRun["status"] }) => <Badge tone={runTones[status]}>{status}</Badge>;
