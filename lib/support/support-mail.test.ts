import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailMessages, notifications } from "@/db/schema";
import { sendDueMail } from "@/lib/mail/send-due-mail";
import { addPartnerMember, createAccountWithMember, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useSmtpSink } from "@/lib/testing/use-smtp-sink";
import { createStaff, supportApi as api } from "@/lib/testing/support-fixtures";
import { useTestDb } from "@/lib/testing/test-db";

// Support notices as mail: over a real SMTP server when SMTP_URL is set, into the outbox when not.

const db = useTestDb();

async function requesterWithTicket() {
  const staff = await createStaff(db());
  const { partner, user } = await createPartnerWithMember(db());
  const colleague = await addPartnerMember(db(), partner.id, "developer");
  const c = { cookie: await sessionCookie(user.id) };
  const t = await api.create(c, { subject: "Our payout failed", body: "The March payout did not arrive.", category: "billing" });
  expect(t.status, t.text).toBe(201);
  return { staff, partner, user, colleague, c, ticket: t.body };
}

describe("with SMTP", () => {
  const smtp = useSmtpSink({ appUrl: "https://portico.example.com" });

  it("a staff reply reaches the requester's address with the reply, never the internal note", async () => {
    const marker = `NOTE-${randomUUID()}`;
    const { staff, user, colleague, ticket } = await requesterWithTicket();
    expect((await api.comment(staff, ticket.id, { body: `Bank rejected the transfer. ${marker}`, internal: true })).status).toBe(201);
    expect((await api.comment(staff, ticket.id, { body: "The bank returned the transfer: please check your payout account number." })).status).toBe(201);
    await sendDueMail(db());

    const toRequester = smtp().messages.filter((m) => m.to.includes(user.email));
    expect(toRequester).toHaveLength(1);
    const [mail] = toRequester;
    expect(mail.subject).toContain(`#${ticket.number}`);
    expect(mail.text).toContain("please check your payout account number");
    expect(mail.html).toContain("please check your payout account number");
    expect(mail.text).toContain(`https://portico.example.com/support/${ticket.id}`);
    // The colleague in the same partner gets it too; nobody gets the note.
    expect(smtp().messages.filter((m) => m.to.includes(colleague.email))).toHaveLength(1);
    for (const m of smtp().messages) expect(m.raw).not.toContain(marker);
    // Staff were mailed about the new ticket, with their link.
    const staffMail = smtp().messages.find((m) => m.to.includes(staff.user.email));
    expect(staffMail?.text).toContain(`https://portico.example.com/admin/tickets/${ticket.id}`);
    const rows = await db().select().from(mailMessages).where(and(eq(mailMessages.toUserId, user.id), eq(mailMessages.kind, "support.ticket_reply")));
    expect(rows.map((r) => r.status)).toEqual(["sent"]);
  });

  it("a customer's ticket reply goes to the account's members", async () => {
    const staff = await createStaff(db());
    const { account, user } = await createAccountWithMember(db());
    const t = await api.create({ cookie: await sessionCookie(user.id) }, { subject: "Install fails", body: "The consent page errors." });
    await api.comment(staff, t.body.id, { body: "Fixed; please try the install again." });
    await sendDueMail(db());
    const mail = smtp().messages.find((m) => m.to.includes(user.email) && m.subject.includes(`#${t.body.number}`));
    expect(mail?.text).toContain("please try the install again");
    expect(account.id).toBeTruthy();
  });
});

describe("without SMTP", () => {
  it("support notices wait in the outbox, in-app notifications link to the ticket", async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const { staff, user, colleague, ticket } = await requesterWithTicket();
    await api.comment(staff, ticket.id, { body: "Please confirm the account number." });
    await api.patch(staff, ticket.id, { status: "resolved" });
    const rows = await db()
      .select()
      .from(mailMessages)
      .where(inArray(mailMessages.toUserId, [user.id, colleague.id]));
    expect(rows.map((r) => [r.toUserId === user.id ? "user" : "colleague", r.kind, r.status]).sort()).toEqual(
      [
        ["colleague", "support.ticket_reply", "outbox"],
        ["colleague", "support.ticket_resolved", "outbox"],
        ["user", "support.ticket_reply", "outbox"],
        ["user", "support.ticket_resolved", "outbox"],
      ].sort(),
    );
    expect(rows.find((r) => r.kind === "support.ticket_reply")?.textBody).toContain("Please confirm the account number.");
    const inApp = await db().select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.kind, "support.ticket_reply")));
    expect(inApp.map((n) => n.link)).toEqual([`/support/${ticket.id}`]);
  });
});
