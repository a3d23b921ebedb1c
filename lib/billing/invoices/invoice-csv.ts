import type { Invoice } from "../schemas";

// The invoice's lines as CSV (RFC 4180: CRLF, fields with , " CR LF quoted,
// quotes doubled). Cells are opened by spreadsheet programs, so a text cell
// that would start a formula gets a leading apostrophe (OWASP "CSV injection").
// Amount cells are integers we computed, written bare so they stay numbers.

export const INVOICE_CSV_HEADER = ["number", "period", "kind", "description", "quantity", "unit_amount_cents", "amount_cents"] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: formula-neutralized, then quoted when needed. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvInt = (n: number | null) => (n === null ? "" : String(Math.trunc(n)));

export function invoiceCsv(invoice: Invoice): string {
  const row = (kind: string, description: string, quantity: number | null, unit: number | null, amount: number) =>
    [csvText(invoice.number), csvText(invoice.period), csvText(kind), csvText(description), csvInt(quantity), csvInt(unit), csvInt(amount)].join(",");
  const rows = [
    INVOICE_CSV_HEADER.join(","),
    ...invoice.lines.map((l) => row(l.kind, l.description, l.quantity, l.unitAmountCents, l.amountCents)),
    row("subtotal", "Subtotal", null, null, invoice.subtotalCents),
    row("tax", "Tax", null, null, invoice.taxCents),
    row("total", `Total (${invoice.currency})`, null, null, invoice.totalCents),
  ];
  return `${rows.join("\r\n")}\r\n`;
}
