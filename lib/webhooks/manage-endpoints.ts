import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { requireWithinCeiling } from "@/lib/auth/credential-ceiling";
import type { Principal } from "@/lib/auth/principal";
import { seal } from "@/lib/crypto/secret-box";
import { activePartnerFor } from "@/lib/partners/active-partner";
import { afterCursor, cursorOrder, toPage, type PageQuery } from "@/lib/pagination/cursor";
import { ENDPOINT_SECRET_SCOPES } from "./endpoint-secret";
import { endpointRow, toEndpoint, visibleEndpoints } from "./endpoint-queries";
import type { CreateEndpoint, UpdateEndpoint } from "./schemas";
import { generateWebhookSecret } from "./transport/sign";
import { validateEndpointUrl } from "./validate-endpoint-url";

// Endpoint CRUD: small operations always used together.

export async function listEndpoints(db: Db, principal: Principal, q: PageQuery) {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(visibleEndpoints(principal), afterCursor(webhookEndpoints.createdAt, webhookEndpoints.id, q.cursor)))
    .orderBy(...cursorOrder(webhookEndpoints.createdAt, webhookEndpoints.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => toEndpoint(r));
}

export async function getEndpoint(db: Db, principal: Principal, id: string) {
  return toEndpoint(await endpointRow(db, principal, id));
}

export async function createEndpoint(db: Db, principal: Principal, input: CreateEndpoint) {
  const partner = await activePartnerFor(db, principal);
  requireWithinCeiling(principal, ENDPOINT_SECRET_SCOPES, "The endpoint's signing secret");
  const url = await validateEndpointUrl(input.url);
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ partnerId: partner.id, url, eventTypes: [...new Set(input.eventTypes)], description: input.description ?? "", secretCiphertext: seal(secret) })
    .returning();
  return { ...toEndpoint(row), secret };
}

export async function updateEndpoint(db: Db, principal: Principal, id: string, input: UpdateEndpoint) {
  await endpointRow(db, principal, id);
  const url = input.url !== undefined ? await validateEndpointUrl(input.url) : undefined;
  const enabling = input.status === "enabled";
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      ...(url ? { url } : {}),
      ...(input.eventTypes ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.status ? { status: input.status } : {}),
      // Re-enabling starts a clean slate for the auto-disable clock.
      ...(enabling ? { disabledReason: null, disabledAt: null, failingSince: null } : {}),
      ...(input.status === "disabled" ? { disabledReason: "Disabled by the partner", disabledAt: new Date() } : {}),
      updatedAt: new Date(),
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return toEndpoint(row);
}

/** Deletes the endpoint with its deliveries (by cascade) and their attempts (which have no foreign key). */
export async function deleteEndpoint(db: Db, principal: Principal, id: string) {
  await endpointRow(db, principal, id);
  await db.transaction(async (tx) => {
    // Locking the deliveries first waits for any outcome being recorded now, so
    // the next statement (a new snapshot) sees its attempt too.
    await tx.execute(sql`select count(*) from (select 1 from ${webhookDeliveries} where endpoint_id = ${id} for update) locked`);
    await tx.execute(sql`delete from ${webhookAttempts} where delivery_id in (select id from ${webhookDeliveries} where endpoint_id = ${id})`);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  });
}
