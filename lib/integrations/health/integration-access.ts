import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, integrations } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { Forbidden, NotFound } from "@/lib/errors";
import { visibleIntegrations } from "@/lib/integrations/integration-item";

// Who may see an integration's health is who may see the integration
// (visibleIntegrations: its account's members, its app's partner, platform
// admins); anyone else gets the 404 of an id that does not exist. Who may run
// a check: the account's owners and admins (signed in), the app's partner and
// platform admins; the account's other members see it and get 403.

export type VisibleIntegration = typeof integrations.$inferSelect & { canCheck: boolean };

function mayCheck(p: Principal): SQL {
  if (isAdmin(p)) return sql`true`;
  const parts: SQL[] = [];
  if (p.partnerId) parts.push(sql`${integrations.partnerId} = ${p.partnerId}`);
  if (p.type === "session" && p.userId) {
    parts.push(
      sql`exists (select 1 from ${accountMembers} m where m.account_id = ${integrations.accountId} and m.user_id = ${p.userId} and m.role in ('owner', 'admin'))`,
    );
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** The principal's integration, or NotFound; "check" also needs a role that may run one (else 403). */
export async function loadVisibleIntegration(db: Db, p: Principal, id: string, action: "read" | "check"): Promise<VisibleIntegration> {
  if (!isUuid(id)) throw new NotFound("Integration");
  const [row] = await db
    .select({ integration: integrations, canCheck: sql<boolean>`${mayCheck(p)}` })
    .from(integrations)
    .where(and(eq(integrations.id, id), visibleIntegrations(p)))
    .limit(1);
  if (!row) throw new NotFound("Integration");
  if (action === "check" && !row.canCheck) throw new Forbidden("Only the account's owners and admins (or the app's partner) can run a health check");
  return { ...row.integration, canCheck: !!row.canCheck };
}
