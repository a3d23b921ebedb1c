import { formatDate, formatPeriod, invoiceDates, invoiceStatusMeaning } from "./format";
import { InvoiceLinesTable } from "./invoice-lines-table";
import { InvoiceStatusBadge } from "./status-badges";
import type { Invoice } from "./types";

// Dark mode swaps the palette (light text on dark surfaces), which would print as light grey
// on white paper: on paper in dark mode, the document is black on white.
const inkOnPaper = "print:dark:!bg-transparent print:dark:!text-[#000] print:dark:**:!bg-transparent print:dark:**:!text-[#000]";

/**
 * An issued invoice as a document: who it bills, for which month, its dates and status, its lines
 * with how each was computed, and totals that add up. Plain markup without client state, so it
 * renders the same on screen, on paper (the page hides everything around it when printing) and
 * in tests.
 */
export function InvoiceDocument({ invoice, partnerName }: { invoice: Invoice; partnerName: string }) {
  return (
    <article
      aria-labelledby="invoice-title"
      data-testid="invoice-document"
      className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-8 print:rounded-none print:border-0 print:p-0 print:shadow-none ${inkOnPaper}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-6 border-b border-slate-200 pb-6">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Portico</p>
          <h1 id="invoice-title" className="mt-1 break-words text-2xl font-semibold tracking-tight text-slate-900">
            Invoice <span className="font-mono">{invoice.number}</span>
          </h1>
          <p className="mt-3 text-sm text-slate-600">
            Billed to <span className="font-medium text-slate-900">{partnerName}</span>
          </p>
          <p className="mt-1 text-sm text-slate-600">
            Period <span className="font-medium text-slate-900">{formatPeriod(invoice.period)}</span>
          </p>
        </div>
        <div className="grid justify-items-start gap-3 sm:justify-items-end">
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <span>Status</span> <InvoiceStatusBadge status={invoice.status} />
          </p>
          <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm">
            {invoiceDates(invoice).map((d) => (
              <div key={d.label} className="contents">
                <dt className="text-slate-600">{d.label}</dt>
                <dd className="text-right tabular-nums text-slate-900">{d.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>

      {invoice.status === "overdue" && (
        <p className="mt-5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          This invoice is overdue: it was due on {formatDate(invoice.dueAt)} and is {invoiceStatusMeaning.overdue}.
        </p>
      )}
      {invoice.status === "void" && (
        <p className="mt-5 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
          Voided{invoice.voidedAt ? ` on ${formatDate(invoice.voidedAt)}` : ""}: nothing is owed on this invoice.
          {invoice.voidReason ? ` Reason: ${invoice.voidReason}` : ""}
        </p>
      )}
      {invoice.status === "paid" && invoice.paymentReference && (
        <p className="mt-5 text-sm text-slate-600">
          Payment reference <span className="font-mono text-slate-900">{invoice.paymentReference}</span>
        </p>
      )}

      <div className="mt-6">
        <InvoiceLinesTable lines={invoice.lines} currency={invoice.currency} totals={invoice} caption={`Lines of invoice ${invoice.number}`} />
      </div>

      <p className="mt-8 border-t border-slate-200 pt-4 text-xs text-slate-600">
        Amounts in {invoice.currency}. Each line is rounded to the cent; the total is the sum of the rounded lines plus tax.
      </p>
    </article>
  );
}
