import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrations, listings, oauthClients, oauthConsents, oauthTokens } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { Forbidden, InvalidTransition, NotFound } from "@/lib/errors";
import { revokeTokens } from "@/lib/oauth/revoke-tokens";
import { forgetTokens } from "@/lib/oauth/token-cache";
import { accountRoleOf } from "./install";
import { publishIntegrationEvent } from "./integration-events";

export type Uninstalled = { id: string; status: "disconnected"; uninstalledAt: string; revokedTokens: number };

/**
 * POST /marketplace/installations/{id}/uninstall. In one transaction: the integration is
 * disconnected, every token the app holds for the account is revoked (and the consent, so a
 * reinstall asks again), the listing's count drops and the partner hears `integration.disconnected`.
 * History, metrics and reviews stay; a reinstall makes a new integration.
 */
export async function uninstallIntegration(db: Db, principal: Principal, id: string): Promise<Uninstalled> {
  if (!isUuid(id)) throw new NotFound("Installation");
  const [found] = await db.select({ accountId: integrations.accountId }).from(integrations).where(eq(integrations.id, id)).limit(1);
  if (!found) throw new NotFound("Installation");
  if (!isAdmin(principal)) {
    const role = principal.userId ? await accountRoleOf(db, principal.userId, found.accountId) : null;
    if (!role) throw new NotFound("Installation");
    if (role === "member") throw new Forbidden("Only an owner or admin of the account can uninstall apps: ask an admin");
  }
  const now = new Date();
  const result = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(integrations).where(eq(integrations.id, id)).for("update");
    if (!row || row.uninstalledAt || row.status === "disconnected") throw new InvalidTransition(row?.status ?? "disconnected", "be uninstalled", "This installation");
    await tx
      .update(integrations)
      .set({ status: "disconnected", uninstalledAt: now, uninstalledBy: principal.userId, updatedAt: now })
      .where(eq(integrations.id, id));
    // Only connected installs were counted.
    if (row.listingId && row.connectedAt) {
      await tx.update(listings).set({ installCount: sql`greatest(${listings.installCount} - 1, 0)` }).where(eq(listings.id, row.listingId));
    }
    const [client] = await tx.select({ id: oauthClients.id }).from(oauthClients).where(eq(oauthClients.applicationId, row.applicationId));
    let revoked = 0;
    if (client) {
      const live = and(eq(oauthTokens.clientId, client.id), eq(oauthTokens.accountId, row.accountId), isNull(oauthTokens.revokedAt));
      [{ n: revoked }] = await tx.select({ n: sql<number>`count(*)::int` }).from(oauthTokens).where(live);
      await revokeTokens(tx, live, now);
      await tx
        .update(oauthConsents)
        .set({ revokedAt: now, updatedAt: now })
        .where(and(eq(oauthConsents.clientId, client.id), eq(oauthConsents.accountId, row.accountId), isNull(oauthConsents.revokedAt)));
    }
    if (row.connectedAt) {
      await publishIntegrationEvent(tx, row, { type: "integration.disconnected", reason: "uninstalled" });
    }
    return { revoked };
  });
  // Again after the commit: a request between the revoke and the commit could have cached a token as live.
  forgetTokens();
  return { id, status: "disconnected", uninstalledAt: now.toISOString(), revokedTokens: result.revoked };
}
