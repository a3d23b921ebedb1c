import { formatCents } from "@/lib/billing/money";
import type { Tone } from "@/components/ui/badge";
import type { BillingRun } from "@/lib/billing/schemas";
import type { Forecast, Invoice, InvoiceStatus, Payout, PayoutStatement, PayoutStatus, UpcomingInvoice } from "./types";

// How billing documents read in the portal: periods, dates, statuses and the "how was this
// computed" line under each invoice line. Pure (no React, no clock), so the words are tested.

const int = new Intl.NumberFormat("en-US");
const monthYear = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
const shortMonthYear = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export const formatCount = (n: number) => int.format(n);

function periodStart(period: string): Date | null {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** "April 2026" for "2026-04" (anything else as given). */
export function formatPeriod(period: string): string {
  const start = periodStart(period);
  return start ? monthYear.format(start) : period;
}

/** "Apr 2026": a period where space is short (a chart's axis, an admin table). */
export function formatPeriodShort(period: string): string {
  const start = periodStart(period);
  return start ? shortMonthYear.format(start) : period;
}

/** "Apr 1, 2026" (the UTC day: billing runs on UTC days), or the fallback without a date. */
export function formatDate(value: string | null | undefined, fallback = "—"): string {
  if (!value) return fallback;
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? value : date.format(d);
}

/** The day a period's invoice is issued: the 1st of the next month ("May 1, 2026" for "2026-04"). */
export function issueDateOf(period: string): string | null {
  const start = periodStart(period);
  return start ? date.format(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))) : null;
}

/**
 * Basis points as a percentage to read: 2000 → "20%", 1250 → "12.5%". (A form field's value is
 * admin/money-input.ts's bpsToPercent: no unit, no grouping, and it must parse back exactly.)
 */
export function formatBps(bps: number): string {
  return `${int.format(bps / 100)}%`;
}

export const invoiceStatusTone: Record<InvoiceStatus, Tone> = { open: "blue", overdue: "red", paid: "green", void: "gray" };
export const invoiceStatusLabel: Record<InvoiceStatus, string> = { open: "Open", overdue: "Overdue", paid: "Paid", void: "Void" };
/** What the status means, for screen readers and the document's header. */
export const invoiceStatusMeaning: Record<InvoiceStatus, string> = {
  open: "issued, not paid yet",
  overdue: "past its due date and not paid",
  paid: "paid",
  void: "cancelled; nothing is owed",
};

export const payoutStatusTone: Record<PayoutStatus, Tone> = { pending: "yellow", processing: "blue", paid: "green", failed: "red" };
export const payoutStatusLabel: Record<PayoutStatus, string> = { pending: "Pending", processing: "Processing", paid: "Paid", failed: "Failed" };

export const runStatusTone: Record<BillingRun["status"], Tone> = { pending: "yellow", running: "blue", succeeded: "green", failed: "red" };

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

export type DocumentDate = { label: string; value: string };

/** The dates in an invoice's header, in the order they happen. */
export function invoiceDates(invoice: Pick<Invoice, "issuedAt" | "dueAt" | "paidAt" | "voidedAt">): DocumentDate[] {
  const out: DocumentDate[] = [
    { label: "Issued", value: formatDate(invoice.issuedAt) },
    { label: "Due", value: formatDate(invoice.dueAt) },
  ];
  if (invoice.paidAt) out.push({ label: "Paid", value: formatDate(invoice.paidAt) });
  if (invoice.voidedAt) out.push({ label: "Voided", value: formatDate(invoice.voidedAt) });
  return out;
}

/** The last column of a payout row: when and how it was paid, why it failed, or what it waits for. */
export function payoutOutcome(p: Pick<Payout, "status" | "reference" | "paidAt" | "failureReason" | "failedAt">): { text: string; tone: "normal" | "danger" | "muted" } {
  switch (p.status) {
    case "paid":
      return { text: [p.paidAt ? `Paid ${formatDate(p.paidAt)}` : "Paid", p.reference && `ref. ${p.reference}`].filter(Boolean).join(" · "), tone: "normal" };
    case "failed":
      return { text: `Failed${p.failedAt ? ` ${formatDate(p.failedAt)}` : ""}: ${p.failureReason ?? "no reason given"}. The amount is back in your balance.`, tone: "danger" };
    case "processing":
      return { text: "Being sent", tone: "muted" };
    case "pending":
      return { text: "Waiting to be sent", tone: "muted" };
  }
}

/** "Payouts are sent when your balance reaches $25.00." */
export function minimumSentence(minimumCents: number, currency = "USD"): string {
  return `Payouts are sent when your balance reaches ${formatCents(minimumCents, currency)}.`;
}

export type StatementOutcome = { kind: "paid_out" | "carried_forward" | "nothing"; text: string };

/** What became of a statement's net: paid out, kept for next period, or nothing to pay. */
export function statementOutcome(s: Pick<PayoutStatement, "payoutId" | "carriedOutCents" | "netCents" | "currency">): StatementOutcome {
  if (s.payoutId) return { kind: "paid_out", text: `Paid out as a payout of ${formatCents(s.netCents, s.currency)}` };
  if (s.carriedOutCents > 0) return { kind: "carried_forward", text: `Carried forward: ${formatCents(s.carriedOutCents, s.currency)}` };
  return { kind: "nothing", text: "Nothing to pay out" };
}

export type StatementLine = { listingName: string; installs: number; installDays: number; daysInPeriod: number; monthlyPriceCents: number; grossCents: number };

/**
 * A statement's per-listing lines (the payout run writes `{listingName, installs, installDays,
 * daysInPeriod, monthlyPriceCents, grossCents}`), keeping only those that carry every figure.
 */
export function statementLines(s: Pick<PayoutStatement, "lines">): StatementLine[] {
  return s.lines.flatMap((l) => {
    const [installs, installDays, daysInPeriod, monthlyPriceCents, grossCents] = [l.installs, l.installDays, l.daysInPeriod, l.monthlyPriceCents, l.grossCents].map(num);
    if (installs === null || installDays === null || daysInPeriod === null || monthlyPriceCents === null || grossCents === null) return [];
    return [{ listingName: str(l.listingName) ?? "Deleted listing", installs, installDays, daysInPeriod, monthlyPriceCents, grossCents }];
  });
}

/** Included calls used and left this period, for the progress bar. */
export function includedCallsUsage(u: Pick<UpcomingInvoice, "billableCalls" | "includedCalls" | "includedCallsLeft">) {
  const included = Math.max(0, u.includedCalls);
  const left = Math.max(0, Math.min(included, u.includedCallsLeft));
  const used = included - left;
  const percent = included > 0 ? Math.round((used / included) * 1000) / 10 : 0;
  const text =
    included === 0
      ? "Your plan includes no free calls: every billable call is priced."
      : `${int.format(used)} of ${int.format(included)} included calls used, ${int.format(left)} left`;
  return { included, used, left, percent, text };
}

export type ForecastRow = { period: string; label: string; invoicedCents: number; payoutsCents: number };

/** The forecast's months, oldest first, labelled for a chart's axis. */
export function forecastRows(f: Pick<Forecast, "months">): ForecastRow[] {
  return [...f.months]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((m) => ({ period: m.period, label: formatPeriodShort(m.period), invoicedCents: m.invoicedCents, payoutsCents: m.payoutsCents }));
}

/** A chart axis tick: formatCents without the ".00" of whole amounts ("$1,200"). */
export function axisCents(cents: number, currency = "USD"): string {
  return formatCents(cents, currency).replace(/\.00$/, "");
}
