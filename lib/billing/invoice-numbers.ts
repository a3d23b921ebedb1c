import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { billingCounters } from "@/db/schema";
import type { Period } from "./period";

// Invoice numbers come from one counter row, not a Postgres sequence: a
// sequence hands out values a rolled-back transaction never gives back (gaps),
// the row's UPDATE rolls back with the invoices it numbered. Holding its lock
// until commit also serializes invoice writers, so two runs can't both issue
// a partner's invoice.

/** Takes the counter's lock for the rest of the transaction; returns its value. */
export async function lockInvoiceCounter(tx: Db): Promise<number> {
  const [row] = await tx
    .insert(billingCounters)
    .values({ name: "invoice", value: 0 })
    .onConflictDoUpdate({ target: billingCounters.name, set: { value: sql`${billingCounters.value}` } })
    .returning({ value: billingCounters.value });
  return row.value;
}

/** The next `n` numbers (after lockInvoiceCounter in the same transaction). */
export async function takeInvoiceNumbers(tx: Db, n: number): Promise<number[]> {
  if (n === 0) return [];
  const [row] = await tx
    .update(billingCounters)
    .set({ value: sql`${billingCounters.value} + ${n}` })
    .where(sql`${billingCounters.name} = 'invoice'`)
    .returning({ value: billingCounters.value });
  return Array.from({ length: n }, (_, i) => row.value - n + 1 + i);
}

export function formatInvoiceNumber(period: Period, seq: number): string {
  return `PRT-${period.replace("-", "")}-${String(seq).padStart(6, "0")}`;
}
