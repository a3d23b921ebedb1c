"use client";

import { useQueryClient } from "@tanstack/react-query";
import { formatCents } from "@/lib/billing/money";
import type { Invoice, Payout } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { MarkPaidDialog } from "./mark-paid-dialog";
import { billingKeys } from "./queries";
import { ReasonDialog } from "./reason-dialog";

// The dialogs behind an invoice's and a payout's actions, wherever the row is (the overdue list,
// the invoices table, the payouts queue). After any of them the page's billing figures refetch.

export type InvoiceAction = { invoice: Invoice; action: "mark-paid" | "void" };
export type PayoutAction = { payout: Payout; action: "mark-paid" | "mark-failed" };

/** Which invoices can still change: issued invoices never change, except to be paid or voided. */
export const invoiceActionsFor = (status: Invoice["status"]) => ({ markPaid: status === "open" || status === "overdue", void: status === "open" || status === "overdue" });
export const payoutActionsFor = (status: Payout["status"]) => ({ markPaid: status === "pending" || status === "processing", markFailed: status === "pending" || status === "processing" });

export function InvoiceActionDialog({ acting, partnerName, onClose }: { acting: InvoiceAction; partnerName: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { invoice } = acting;
  const total = formatCents(invoice.totalCents, invoice.currency);
  const done = () => {
    onClose();
    void qc.invalidateQueries({ queryKey: billingKeys.all });
  };
  if (acting.action === "mark-paid") {
    return (
      <MarkPaidDialog
        title={`Mark ${invoice.number} paid`}
        path={`/billing/invoices/${invoice.id}/mark-paid`}
        success={`${invoice.number} marked paid`}
        referenceHint="The bank transfer or payment id you received the money under."
        onClose={onClose}
        onDone={done}
      >
        <p>
          {partnerName} paid <span className="font-medium text-slate-900">{total}</span> for {formatPeriodShort(invoice.period)}. The partner is notified
          (billing.payment_received).
        </p>
      </MarkPaidDialog>
    );
  }
  return (
    <ReasonDialog
      title={`Void invoice ${invoice.number}?`}
      path={`/billing/invoices/${invoice.id}/void`}
      confirmLabel="Void invoice"
      reasonLabel="Reason (shown to the partner)"
      success={`${invoice.number} voided`}
      onClose={onClose}
      onDone={done}
    >
      <p>
        {partnerName} will no longer owe <span className="font-medium text-slate-900">{total}</span> for {formatPeriodShort(invoice.period)}. The invoice keeps its
        number; running {formatPeriodShort(invoice.period)} again for this partner issues a new one. This cannot be undone.
      </p>
    </ReasonDialog>
  );
}

export function PayoutActionDialog({ acting, partnerName, onClose }: { acting: PayoutAction; partnerName: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { payout } = acting;
  const amount = formatCents(payout.amountCents, payout.currency);
  const done = () => {
    onClose();
    void qc.invalidateQueries({ queryKey: billingKeys.all });
  };
  if (acting.action === "mark-paid") {
    return (
      <MarkPaidDialog
        title={`Mark the ${formatPeriodShort(payout.period)} payout to ${partnerName} paid`}
        path={`/billing/payouts/${payout.id}/mark-paid`}
        success={`Payout to ${partnerName} marked paid`}
        referenceHint="The reference of the transfer you sent."
        onClose={onClose}
        onDone={done}
      >
        <p>
          You sent <span className="font-medium text-slate-900">{amount}</span> to {partnerName} for {formatPeriodShort(payout.period)}.
        </p>
      </MarkPaidDialog>
    );
  }
  return (
    <ReasonDialog
      title={`Mark the payout to ${partnerName} failed?`}
      path={`/billing/payouts/${payout.id}/mark-failed`}
      confirmLabel="Mark failed"
      reasonLabel="Reason (shown to the partner)"
      success={`Payout to ${partnerName} marked failed`}
      onClose={onClose}
      onDone={done}
    >
      <p>
        The transfer of <span className="font-medium text-slate-900">{amount}</span> for {formatPeriodShort(payout.period)} did not arrive.{" "}
        {amount} goes back to {partnerName}&apos;s balance and is paid out with a later period. This cannot be undone.
      </p>
    </ReasonDialog>
  );
}
