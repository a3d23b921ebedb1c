import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { rowsOf } from "@/lib/db/rows";
import type { ReviewListing } from "./review-listing";
import type { ReviewBlocker } from "./schemas";

/** How long after uninstalling an account's members may still review the app. */
export const REVIEW_WINDOW_DAYS = 45;

export type Eligibility = { ok: true; userId: string; accountId: string } | { ok: false; blocker: ReviewBlocker };

/**
 * Whether the caller may review the listing now, and for which account. A person reviews: a signed-in
 * user for any account they belong to, an OAuth token for the account it was issued for. The account
 * must have the app installed (connected, not pending) or have removed it less than 45 days ago.
 * A member of the listing's own partner never reviews it.
 */
export async function reviewEligibility(db: Db, principal: Principal | null, listing: ReviewListing): Promise<Eligibility> {
  if (!principal) return { ok: false, blocker: "sign_in" };
  const userId = principal.userId;
  if (!userId || principal.type === "api_key") return { ok: false, blocker: "not_a_person" };
  if (!listing.open) return { ok: false, blocker: "not_public" };

  const [facts] = rowsOf<{ own_partner: boolean; reviewed: boolean; account_id: string | null }>(
    await db.execute(sql`
      select
        exists (select 1 from partner_members pm where pm.partner_id = ${listing.partnerId} and pm.user_id = ${userId}) as own_partner,
        exists (select 1 from reviews r where r.listing_id = ${listing.id} and r.user_id = ${userId}) as reviewed,
        (select i.account_id
           from integrations i join account_members m on m.account_id = i.account_id and m.user_id = ${userId}
          where i.application_id = ${listing.applicationId}
            ${principal.type === "oauth" ? sql`and i.account_id = ${principal.accountId}` : sql``}
            and ((i.uninstalled_at is null and i.status <> 'pending')
                 or i.uninstalled_at > now() - make_interval(days => ${REVIEW_WINDOW_DAYS}::int))
          order by (i.account_id = ${principal.accountId ?? null}::uuid) desc nulls last, (i.uninstalled_at is null) desc, i.created_at desc
          limit 1) as account_id`),
  );
  if (facts.own_partner) return { ok: false, blocker: "own_partner" };
  if (facts.reviewed) return { ok: false, blocker: "already_reviewed" };
  if (!facts.account_id) return { ok: false, blocker: "not_installed" };
  return { ok: true, userId, accountId: facts.account_id };
}
