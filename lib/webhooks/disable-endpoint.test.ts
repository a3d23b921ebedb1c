import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, webhookEndpoints } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { createPartnerWithMember } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { disableEndpoint } from "./disable-endpoint";
import { generateWebhookSecret } from "./transport/sign";

const db = useTestDb();

describe("disableEndpoint", () => {
  it("disables, tells and audits all at once: when the audit entry cannot be written, the endpoint stays enabled and nobody is told", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const [endpoint] = await db()
      .insert(webhookEndpoints)
      .values({ partnerId: partner.id, url: "https://hooks.example.com/in", eventTypes: ["*"], secretCiphertext: seal(generateWebhookSecret()) })
      .returning();
    const state = async () => ({
      status: (await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)))[0].status,
      told: (await db().select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.kind, "webhook.endpoint_disabled")))).length,
      audited: (await db().select().from(auditLog).where(and(eq(auditLog.targetId, endpoint.id), eq(auditLog.action, "webhook_endpoint.disabled")))).length,
    });

    // A real failure of the last write: the database refuses the audit entry.
    await db().execute(sql.raw(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$`));
    await db().execute(sql`create trigger refuse_audit before insert on ${auditLog} for each row execute function refuse_audit()`);
    try {
      await expect(disableEndpoint(db(), endpoint, "The endpoint answered 410 Gone")).rejects.toThrow();
    } finally {
      await db().execute(sql`drop trigger refuse_audit on ${auditLog}`);
      await db().execute(sql`drop function refuse_audit()`);
    }
    expect(await state()).toEqual({ status: "enabled", told: 0, audited: 0 });

    // The next try, with the audit log back, does all three; one more does nothing.
    await disableEndpoint(db(), endpoint, "The endpoint answered 410 Gone");
    await disableEndpoint(db(), endpoint, "The endpoint answered 410 Gone");
    expect(await state()).toEqual({ status: "disabled", told: 1, audited: 1 });
  });
});
