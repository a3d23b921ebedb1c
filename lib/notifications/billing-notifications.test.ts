import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invoices, mailMessages, notifications } from "@/db/schema";
import { issueInvoices } from "@/lib/billing/invoice-run";
import { insertInvoice } from "@/lib/billing/invoices/test-fixtures";
import { markOverdueInvoices } from "@/lib/billing/invoices/mark-overdue";
import { markPayoutFailed } from "@/lib/billing/payouts/mark-payout-failed";
import { markPayoutPaid } from "@/lib/billing/payouts/mark-payout-paid";
import { insertPayout } from "@/lib/billing/payouts/test-fixtures";
import { platformAdmin, setPlan } from "@/lib/testing/billing-fixtures";
import { addPartnerMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();

/** A partner with one member of each role: who hears about money is the point. */
async function partnerWithEveryRole() {
  const { partner, user: owner } = await createPartnerWithMember(db(), { role: "owner" });
  const admin = await addPartnerMember(db(), partner.id, "admin");
  const billing = await addPartnerMember(db(), partner.id, "billing");
  const developer = await addPartnerMember(db(), partner.id, "developer");
  return { partner, owner, admin, billing, developer, all: [owner.id, admin.id, billing.id, developer.id], money: [owner.id, admin.id, billing.id].sort() };
}

const told = (userIds: string[], kind: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), eq(notifications.kind, kind)));

describe("billing notifications", () => {
  it("tells the owners, admins and billing members of each partner about its new invoice, with a link and a mail", async () => {
    const a = await partnerWithEveryRole();
    const b = await partnerWithEveryRole();
    await setPlan(db(), a.partner.id, { model: "flat_fee", flatFeeCents: 1234, effectiveFrom: "2026-01-01" });
    await setPlan(db(), b.partner.id, { model: "flat_fee", flatFeeCents: 5000, effectiveFrom: "2026-01-01" });
    expect(await issueInvoices(db(), { period: "2026-03", partnerIds: [a.partner.id, b.partner.id], now: new Date("2026-04-01T00:05:00Z") })).toMatchObject({ created: 2 });

    const [inv] = await db().select().from(invoices).where(and(eq(invoices.partnerId, a.partner.id), eq(invoices.period, "2026-03")));
    const rows = await told(a.all, "billing.invoice_issued");
    expect(rows.map((r) => r.userId).sort()).toEqual(a.money);
    expect(rows[0]).toMatchObject({ partnerId: a.partner.id, link: `/invoices/${inv.id}`, title: `Invoice ${inv.number} for 2026-03: $12.34`, body: "Due on 2026-05-01." });
    expect((await told(b.all, "billing.invoice_issued")).map((r) => r.userId).sort()).toEqual(b.money);
    const mails = await db().select().from(mailMessages).where(and(inArray(mailMessages.toUserId, a.all), eq(mailMessages.kind, "billing.invoice_issued")));
    expect(mails).toHaveLength(3);
    expect(mails[0].htmlBody).toContain(`/invoices/${inv.id}`);

    // Running the period again issues nothing and tells nobody again.
    expect(await issueInvoices(db(), { period: "2026-03", partnerIds: [a.partner.id], now: new Date("2026-04-01T00:06:00Z") })).toMatchObject({ created: 0 });
    expect(await told(a.all, "billing.invoice_issued")).toHaveLength(3);
  });

  it("tells them once when an invoice turns overdue", async () => {
    const p = await partnerWithEveryRole();
    const now = new Date("2020-06-01T00:00:00.000Z");
    const inv = await insertInvoice(db(), { partnerId: p.partner.id, issuedAt: new Date("2020-05-01T00:00:00Z"), dueAt: new Date("2020-05-31T00:00:00Z") });
    expect(await markOverdueInvoices(db(), now)).toEqual({ overdue: 1 });
    expect(await markOverdueInvoices(db(), now)).toEqual({ overdue: 0 });
    const rows = await told(p.all, "billing.invoice_overdue");
    expect(rows.map((r) => r.userId).sort()).toEqual(p.money);
    expect(rows[0]).toMatchObject({ title: `Invoice ${inv.number} is overdue`, link: `/invoices/${inv.id}` });
    expect(rows[0].body).toContain("was due on 2020-05-31");
  });

  it("marks overdue a batch per transaction: a batch that fails keeps the ones before it, and the next run finishes", async () => {
    const p = await partnerWithEveryRole();
    // Due long before every other invoice of this file, so this run sees only these five.
    const now = new Date("2019-01-01T00:00:00.000Z");
    const five: Awaited<ReturnType<typeof insertInvoice>>[] = [];
    for (let day = 1; day <= 5; day++) {
      five.push(await insertInvoice(db(), { partnerId: p.partner.id, issuedAt: new Date("2018-11-01T00:00:00Z"), dueAt: new Date(`2018-12-0${day}T00:00:00Z`) }));
    }
    const last = five[4];
    // The database refuses to flip the last one (a real failure inside the third batch of two).
    await db().execute(
      sql.raw(`create function refuse_overdue() returns trigger language plpgsql as $$ begin
        if new.id = '${last.id}' and new.status = 'overdue' then raise exception 'refused in test'; end if; return new; end $$`),
    );
    await db().execute(sql`create trigger refuse_overdue before update on ${invoices} for each row execute function refuse_overdue()`);
    try {
      await expect(markOverdueInvoices(db(), now, { batchSize: 2 })).rejects.toThrow();
    } finally {
      await db().execute(sql`drop trigger refuse_overdue on ${invoices}`);
      await db().execute(sql`drop function refuse_overdue()`);
    }
    const status = async () => (await db().select().from(invoices).where(inArray(invoices.id, five.map((i) => i.id)))).map((i) => [i.number, i.status]).sort();
    expect(await status()).toEqual(five.map((i, n) => [i.number, n < 4 ? "overdue" : "open"]).sort());
    expect(await told(p.all, "billing.invoice_overdue")).toHaveLength(4 * 3);

    expect(await markOverdueInvoices(db(), now, { batchSize: 2 })).toEqual({ overdue: 1 });
    expect((await status()).every(([, s]) => s === "overdue")).toBe(true);
    const rows = await told(p.all, "billing.invoice_overdue");
    // Each invoice announced once, to each of the three who handle money.
    expect(rows).toHaveLength(5 * 3);
    expect(new Set(rows.map((r) => `${r.link} ${r.userId}`)).size).toBe(15);
  });

  it("tells them when a payout is paid, or failed", async () => {
    const p = await partnerWithEveryRole();
    const paid = await insertPayout(db(), p.partner.id, { period: "2025-01", amountCents: 4200 });
    await markPayoutPaid(db(), platformAdmin(), paid.id, { reference: "TRX-991" });
    const paidRows = await told(p.all, "billing.payout_paid");
    expect(paidRows.map((r) => r.userId).sort()).toEqual(p.money);
    expect(paidRows[0]).toMatchObject({ title: "Payout of $42.00 for 2025-01 sent", body: "Transfer reference: TRX-991.", link: `/payouts/${paid.id}` });

    const failed = await insertPayout(db(), p.partner.id, { period: "2025-02", amountCents: 3100 });
    await markPayoutFailed(db(), platformAdmin(), failed.id, { reason: "The bank refused the account number" });
    const failedRows = await told(p.all, "billing.payout_failed");
    expect(failedRows.map((r) => r.userId).sort()).toEqual(p.money);
    expect(failedRows[0]).toMatchObject({ title: "Payout of $31.00 for 2025-02 failed", link: `/payouts/${failed.id}` });
    expect(failedRows[0].body).toContain("The bank refused the account number");

    // A refused transition (already paid) tells nobody.
    await expect(markPayoutFailed(db(), platformAdmin(), paid.id, { reason: "late" })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await told(p.all, "billing.payout_failed")).toHaveLength(3);
  });
});
