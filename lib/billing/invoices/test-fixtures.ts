import { platformAdmin } from "@/lib/testing/billing-fixtures";
import { randomInt } from "node:crypto";
import type { Db } from "@/db";
import { invoiceLineItems, invoices } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { addMonths } from "../period";
import type { InvoiceLine } from "../schemas";

// Invoices written straight into the tables, for tests of reading and settling
// them. Numbers are PRT-<YYYYMM>-9xxxxx, far above what the real counter hands
// out in a test, and billing_counters is never touched.

let serial = randomInt(0, 50_000);
let periods = 0;

export type FixtureLine = Partial<InvoiceLine> & { amountCents: number };

export async function insertInvoice(
  db: Db,
  opts: {
    partnerId: string;
    period?: string;
    status?: "open" | "paid" | "void" | "overdue";
    lines?: FixtureLine[];
    taxCents?: number;
    currency?: string;
    issuedAt?: Date;
    dueAt?: Date;
    number?: string;
    createdAt?: Date;
  },
) {
  // Each default period is a month earlier than the last, so a partner's fixtures never collide on (partner, period).
  const period = opts.period ?? addMonths("2026-10", -periods++);
  const lines = (opts.lines ?? [{ kind: "flat_fee", description: "Platform fee, monthly", amountCents: 49_900 }]).map((l, position) => ({
    kind: l.kind ?? "flat_fee",
    description: l.description ?? "Charge",
    quantity: l.quantity ?? 1,
    unitAmountCents: l.unitAmountCents ?? l.amountCents,
    amountCents: l.amountCents,
    metadata: l.metadata ?? {},
    position,
  }));
  const subtotalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const taxCents = opts.taxCents ?? 0;
  const issuedAt = opts.issuedAt ?? new Date();
  const [row] = await db
    .insert(invoices)
    .values({
      partnerId: opts.partnerId,
      period,
      number: opts.number ?? `PRT-${period.replace("-", "")}-9${String(serial++ % 100_000).padStart(5, "0")}`,
      status: opts.status ?? "open",
      currency: opts.currency ?? "USD",
      subtotalCents,
      taxCents,
      totalCents: subtotalCents + taxCents,
      issuedAt,
      dueAt: opts.dueAt ?? new Date(issuedAt.getTime() + 30 * 86_400_000),
      paidAt: opts.status === "paid" ? issuedAt : null,
      voidedAt: opts.status === "void" ? issuedAt : null,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    })
    .returning();
  if (lines.length) await db.insert(invoiceLineItems).values(lines.map((l) => ({ ...l, invoiceId: row.id })));
  return row;
}

/** A platform admin acting in-process (domain calls without a request). */
/** The shared test admin (lib/testing/billing-fixtures.ts), under the name these tests use. */
export const adminPrincipal = platformAdmin;

export function partnerPrincipal(partnerId: string, scopes = ["read:billing", "write:billing"]): Principal {
  return { type: "api_key", userId: null, partnerId, partnerRole: null, accountId: null, isPlatformAdmin: false, scopes, credentialId: null };
}
