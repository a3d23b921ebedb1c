import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { payouts, payoutStatements } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";
import type { Period } from "../period";
import { plansByPartner } from "../pricing-plans";
import { calculatePayout, type CalculatedPayout } from "./payout-calculation";
import { paidInstallsByPartner } from "./payout-installs";

const idList = (ids: string[]) => sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

/**
 * The statements (and payouts) of a batch of partners for a period, in one transaction.
 * Their balance rows are locked first, in id order, so a second runner on the same partners
 * waits here, then finds their statements and writes nothing: a partner with a statement (or a
 * payout) for the period is done. The unique (partner, period) indexes are the backstop.
 */
export async function writePayoutStatements(
  db: Db,
  input: { period: Period; partnerIds: string[]; runId: string | null; now: Date; provider: string; minimumCents: number },
): Promise<{ created: number; amountCents: number }> {
  const ids = [...new Set(input.partnerIds)].sort();
  if (!ids.length) return { created: 0, amountCents: 0 };
  const { period, now } = input;
  return db.transaction(async (tx) => {
    await tx.execute(sql`insert into partner_balances (partner_id) select id from ${idList(ids)} as x(id) order by 1 on conflict do nothing`);
    const balances = rowsOf<{ partner_id: string; balance_cents: number | string }>(
      await tx.execute(sql`select partner_id, balance_cents from partner_balances where partner_id in ${idList(ids)} order by partner_id for update`),
    );
    const done = new Set(
      rowsOf<{ partner_id: string }>(
        await tx.execute(sql`
          select partner_id from payout_statements where period = ${period} and partner_id in ${idList(ids)}
          union select partner_id from payouts where period = ${period} and partner_id in ${idList(ids)}`),
      ).map((r) => r.partner_id),
    );
    const todo = ids.filter((id) => !done.has(id));
    if (!todo.length) return { created: 0, amountCents: 0 };

    const installs = await paidInstallsByPartner(tx, period, todo);
    const plans = await plansByPartner(tx, todo);
    const carried = new Map(balances.map((b) => [b.partner_id, Number(b.balance_cents)]));
    const stated: Array<{ partnerId: string; c: CalculatedPayout }> = [];
    for (const partnerId of todo) {
      const c = calculatePayout({
        period,
        listings: installs.get(partnerId) ?? [],
        plans: plans.get(partnerId) ?? [],
        carriedInCents: carried.get(partnerId) ?? 0,
        minimumCents: input.minimumCents,
      });
      // Nothing earned and nothing held: no statement to write.
      if (c.grossCents === 0 && c.carriedInCents === 0) continue;
      stated.push({ partnerId, c });
    }
    if (!stated.length) return { created: 0, amountCents: 0 };

    const toPay = stated.filter((s) => s.c.payoutCents > 0);
    const created = toPay.length
      ? await tx
          .insert(payouts)
          .values(
            toPay.map(({ partnerId, c }) => ({
              partnerId,
              period,
              status: "pending" as const,
              grossCents: c.grossCents,
              platformShareCents: c.platformShareCents,
              carriedForwardCents: c.carriedInCents,
              amountCents: c.payoutCents,
              currency: c.currency,
              provider: input.provider,
              runId: input.runId,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .returning()
      : [];
    const payoutOf = new Map(created.map((p) => [p.partnerId, p.id]));
    await tx.insert(payoutStatements).values(
      stated.map(({ partnerId, c }) => ({
        partnerId,
        period,
        currency: c.currency,
        grossCents: c.grossCents,
        revenueShareBps: c.revenueShareBps,
        platformShareCents: c.platformShareCents,
        carriedInCents: c.carriedInCents,
        netCents: c.netCents,
        carriedOutCents: c.carriedOutCents,
        payoutId: payoutOf.get(partnerId) ?? null,
        lines: c.lines.map((l) => ({ ...l })),
        runId: input.runId,
        createdAt: now,
      })),
    );
    const newBalances = stated.map(({ partnerId, c }) => ({ partner_id: partnerId, balance: c.carriedOutCents }));
    await tx.execute(sql`
      update partner_balances b set balance_cents = x.balance, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(newBalances)}::jsonb) as x(partner_id uuid, balance bigint)
      where b.partner_id = x.partner_id`);
    return { created: stated.length, amountCents: created.reduce((s, p) => s + p.amountCents, 0) };
  });
}
