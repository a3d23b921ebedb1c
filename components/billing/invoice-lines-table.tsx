import { formatCents } from "@/lib/billing/money";
import { lineDetail, quantityLabel, unitLabel } from "@/lib/billing/invoices/line-detail";
import type { InvoiceLine } from "./types";

export type DocumentTotals = { subtotalCents: number; taxCents: number; totalCents: number };

/**
 * An invoice's lines with how each was computed (its metadata, in words) under the description,
 * and the subtotal, tax and total under the amounts: the same table on the printable invoice and
 * in the upcoming invoice. A real <table> with a caption, so it prints and reads as one.
 */
export function InvoiceLinesTable({
  lines,
  currency,
  totals,
  caption,
  totalLabel = "Total",
  captionVisible = false,
}: {
  lines: InvoiceLine[];
  currency: string;
  totals: DocumentTotals;
  /** The table's accessible name. */
  caption: string;
  /** "Total" on an issued invoice, "Total so far" on the upcoming one. */
  totalLabel?: string;
  captionVisible?: boolean;
}) {
  const money = (c: number) => formatCents(c, currency);
  return (
    // Scrolls sideways on a phone: focusable and named, so it can be scrolled from the keyboard.
    <div className="overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-sm">
        <caption className={captionVisible ? "pb-2 text-left text-sm font-semibold text-slate-900" : "sr-only"}>{caption}</caption>
        <thead className="border-b border-slate-200">
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <th scope="col" className="py-2 pr-3">
              Description
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Quantity
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Unit price
            </th>
            <th scope="col" className="py-2 pl-3 text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line, i) => {
            const breakdown = lineDetail(line, currency);
            return (
              <tr key={i} className="align-top" data-testid="invoice-line">
                <td className="py-3 pr-3">
                  <p className="text-slate-900">{line.description}</p>
                  {breakdown && <p className="mt-0.5 text-xs text-slate-600">{breakdown}</p>}
                </td>
                <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums text-slate-700">{quantityLabel(line)}</td>
                <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums text-slate-700">{unitLabel(line, currency)}</td>
                <td className="whitespace-nowrap py-3 pl-3 text-right tabular-nums text-slate-900">{money(line.amountCents)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="border-t border-slate-200">
          <tr>
            <th scope="row" colSpan={3} className="pb-1 pr-3 pt-3 text-right font-normal text-slate-600">
              Subtotal
            </th>
            <td className="whitespace-nowrap pb-1 pl-3 pt-3 text-right tabular-nums text-slate-900" data-testid="invoice-subtotal">
              {money(totals.subtotalCents)}
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={3} className="py-1 pr-3 text-right font-normal text-slate-600">
              Tax
            </th>
            <td className="whitespace-nowrap py-1 pl-3 text-right tabular-nums text-slate-900" data-testid="invoice-tax">
              {money(totals.taxCents)}
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={3} className="pr-3 pt-1 text-right font-semibold text-slate-900">
              {totalLabel}
            </th>
            <td className="whitespace-nowrap pl-3 pt-1 text-right text-base font-semibold tabular-nums text-slate-900" data-testid="invoice-total">
              {money(totals.totalCents)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
