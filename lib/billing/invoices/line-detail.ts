import { formatCents } from "../money";
import type { InvoiceLine } from "../schemas";

// How a line was computed, in words, from the metadata the calculation stored
// with it: the tier breakdown a reader of the PDF (or the invoice page) checks
// the amount against. Metadata is data from the database, so every field is
// checked before use and a missing one just shortens the sentence.

const int = new Intl.NumberFormat("en-US");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const count = (v: number) => int.format(v);

/** "per 1,000 calls" for usage lines (their unit amount is the price of 1,000 calls), else per unit. */
export function unitLabel(line: InvoiceLine, currency: string): string {
  const unit = formatCents(line.unitAmountCents, currency);
  return line.kind === "usage" ? `${unit} / 1,000` : unit;
}

export function quantityLabel(line: InvoiceLine): string {
  return line.kind === "usage" ? `${count(line.quantity)} calls` : count(line.quantity);
}

export function lineDetail(line: InvoiceLine, currency: string): string | null {
  const m = line.metadata ?? {};
  const money = (c: number) => formatCents(c, currency);
  if (line.kind === "usage") {
    const tier = num(m.tier);
    const calls = num(m.calls) ?? line.quantity;
    const per1000 = num(m.unitAmountCentsPer1000) ?? line.unitAmountCents;
    const flat = num(m.flatAmountCents) ?? 0;
    const upTo = num(m.upTo);
    const parts: string[] = [];
    const bound = upTo === null ? "no upper bound" : `up to ${count(upTo)} billable calls`;
    if (m.mode === "volume") {
      parts.push(`Volume pricing: all ${count(calls)} billable calls at tier ${tier ?? "?"} (${bound})`);
    } else {
      const from = num(m.fromCall);
      const to = num(m.toCall);
      parts.push(`Graduated tier ${tier ?? "?"} (${bound})${from !== null && to !== null ? `: calls ${count(from)}–${count(to)}` : ""}`);
    }
    parts.push(`${count(calls)} × ${money(per1000)} per 1,000${flat ? ` + ${money(flat)} tier fee` : ""} = ${money(line.amountCents)}`);
    const total = num(m.totalCalls);
    const included = num(m.includedCalls);
    if (total !== null) parts.push(`${count(total)} calls in the period${included ? `, ${count(included)} included` : ""}`);
    return parts.join("; ");
  }
  if (line.kind === "flat_fee") {
    const fee = num(m.flatFeeCents);
    if (m.interval === "year") return fee !== null ? `Annual fee ${money(fee)}${m.coversFrom && m.coversTo ? `, covers ${m.coversFrom} to ${m.coversTo}` : ""}` : null;
    const days = num(m.days);
    const inPeriod = num(m.daysInPeriod);
    if (fee === null || days === null || inPeriod === null) return null;
    if (days === inPeriod) return `Monthly fee ${money(fee)}, whole month`;
    return `Monthly fee ${money(fee)} × ${days} of ${inPeriod} days = ${money(line.amountCents)}`;
  }
  if (line.kind === "minimum") {
    const minimum = num(m.minimumCents);
    const before = num(m.chargedBeforeMinimumCents);
    if (minimum === null || before === null) return null;
    return `Minimum ${money(minimum)} less charges ${money(before)} = ${money(line.amountCents)}`;
  }
  return null;
}
