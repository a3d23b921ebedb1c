import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailMessages, notifications, supportTickets, ticketComments, ticketLinks, users } from "@/db/schema";
import { seed } from "@/db/seed";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb({ demo: true });

describe("demo support data", () => {
  it("seeds Acme's and Sunrise's tickets through the real rules, once", async () => {
    const tickets = await db().select().from(supportTickets).orderBy(asc(supportTickets.number));
    expect(tickets.map((t) => [t.status, t.priority, t.category])).toEqual([
      ["resolved", "low", "technical"],
      ["pending", "normal", "app_review"],
      ["open", "normal", "billing"],
      ["open", "urgent", "integration"],
    ]);
    expect(tickets.map((t) => t.number)).toEqual([1001, 1002, 1003, 1004]);
    expect(tickets[0].satisfactionRating).toBe(5);
    expect(tickets[1].nextReplyDueAt).toBeNull(); // staff replied last: nothing owed
    expect(tickets[2].nextReplyDueAt!.getTime()).toBeGreaterThan(Date.now()); // "we'll reply by"
    const [admin] = await db().select().from(users).where(eq(users.email, "admin@portico.test"));
    expect(tickets[3].assignedTo).toBe(admin.id);
    expect(tickets[3].accountId).not.toBeNull();
    const notes = await db().select().from(ticketComments).where(eq(ticketComments.ticketId, tickets[1].id));
    expect(notes.map((c) => c.internal).sort()).toEqual([false, true]);
    // Attachments: Acme's first app, its latest invoice, Sunrise's most failing integration.
    expect((await db().select().from(ticketLinks)).map((l) => l.type).sort()).toEqual(["application", "integration", "invoice"]);
    // The notices went out as they would for real: in-app, and mail kept in the outbox (no SMTP_URL).
    expect(await db().$count(notifications, eq(notifications.kind, "support.ticket_created"))).toBeGreaterThan(0);
    expect(await db().$count(mailMessages)).toBeGreaterThan(0);

    await seed(db(), { demo: true });
    expect(await db().$count(supportTickets)).toBe(4);
  });
});
