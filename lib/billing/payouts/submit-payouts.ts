import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { describeError } from "@/lib/db/errors";
import { DomainError } from "@/lib/errors";
import { toPayout, type PayoutRow } from "./payout-item";
import type { PayoutProvider } from "./payout-provider";
import { payoutFailed, payoutPaid } from "./payout-transitions";

// After a batch's payouts are written (committed), each of the run's pending payouts goes to the
// provider and takes the status it answers. A provider that throws leaves its payout pending, in
// the admin queue, and the run goes on: the statement and the money owed are already recorded,
// and the run's next batch offers it again. A payout can thus reach the provider twice (a holder
// whose lease lapsed mid-batch): a provider that moves money keys the transfer on the payout id.

const alreadyMoved = (err: unknown) => err instanceof DomainError && err.code === "INVALID_TRANSITION";

export async function submitPayouts(db: Db, provider: PayoutProvider, rows: PayoutRow[], now: Date): Promise<void> {
  const processing: Array<{ id: string; reference: string | null }> = [];
  for (const row of rows) {
    let answer;
    try {
      answer = await provider.submit(toPayout(row));
    } catch (err) {
      console.error(`payout ${row.id}: ${provider.name} failed to take it, left pending: ${describeError(err, { frames: false })}`);
      continue;
    }
    try {
      if (answer.status === "processing") processing.push({ id: row.id, reference: answer.reference ?? null });
      else if (answer.status === "paid") await payoutPaid(db, row.id, { reference: answer.reference ?? null, paidAt: now }, now);
      else await payoutFailed(db, row.id, { reason: answer.failureReason ?? `Refused by ${provider.name}` }, now);
    } catch (err) {
      // An admin got there first (it is paid or failed already): theirs stands.
      if (!alreadyMoved(err)) throw err;
    }
  }
  if (!processing.length) return;
  // Only from pending: an admin who marked one meanwhile keeps their status.
  await db.execute(sql`
    update payouts p set status = 'processing', reference = coalesce(x.reference, p.reference), updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(processing)}::jsonb) as x(id uuid, reference text)
    where p.id = x.id and p.status = 'pending'`);
}
