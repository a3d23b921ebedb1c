import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { periodBounds, type Period } from "../period";
import type { ListingInstalls } from "./payout-calculation";
import { installDaysSql, paidInstallsSql } from "./payout-scope";

/**
 * Install-days per paid listing of each partner in the batch, in one statement for the whole
 * batch (not a query per partner or install): the input of calculatePayout.
 */
export async function paidInstallsByPartner(db: Db, period: Period, partnerIds: string[]): Promise<Map<string, ListingInstalls[]>> {
  const byPartner = new Map<string, ListingInstalls[]>();
  if (!partnerIds.length) return byPartner;
  const days = installDaysSql(period);
  const rows = rowsOf<{ partner_id: string; listing_id: string; name: string; price: number | string; installs: number | string; days: number | string }>(
    await db.execute(sql`
      select l.partner_id, l.id as listing_id, l.name, l.monthly_price_cents as price,
        count(*)::int as installs, sum(${days})::bigint as days
      from ${paidInstallsSql(periodBounds(period).end)}
        and l.partner_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(partnerIds)}::jsonb))
        and ${days} > 0
      group by l.partner_id, l.id, l.name, l.monthly_price_cents`),
  );
  for (const r of rows) {
    const list = byPartner.get(r.partner_id) ?? [];
    list.push({ listingId: r.listing_id, listingName: r.name, monthlyPriceCents: Number(r.price), installs: Number(r.installs), installDays: Number(r.days) });
    byPartner.set(r.partner_id, list);
  }
  return byPartner;
}
