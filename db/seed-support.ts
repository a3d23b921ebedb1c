import { and, desc, eq, isNull, ne } from "drizzle-orm";
import { principalForUser } from "@/lib/http/session-principal";
import { addComment } from "@/lib/support/ticket-comments";
import { createTicket } from "@/lib/support/create-ticket";
import { rateTicket } from "@/lib/support/rate-ticket";
import { updateTicket } from "@/lib/support/update-ticket";
import type { Db } from "./index";
import { applications, integrations, invoices, supportTickets } from "./schema";

const HOUR = 3_600_000;

/**
 * Demo support: Acme with a ticket waiting on staff (an invoice attached), one where staff
 * replied (an internal note beside the reply) and one resolved and rated; Sunrise with an
 * urgent one about its failing integration. Written through lib/support, as a user would,
 * so SLA times, numbers and notifications (in-app and the mail outbox) are the real ones.
 * Once: later starts leave the queue to staff.
 */
export async function seedSupport(db: Db, ids: { adminId: string; acme: string; acmeUser: string; sunrise: string; customer: string }, now = new Date()) {
  const [any] = await db.select({ id: supportTickets.id }).from(supportTickets).limit(1);
  if (any) return;
  const [staff, partner, customer] = await Promise.all([principalForUser(db, ids.adminId), principalForUser(db, ids.acmeUser), principalForUser(db, ids.customer)]);
  if (!staff || !partner || !customer) return;
  const at = (hoursAgo: number) => ({ now: new Date(now.getTime() - hoursAgo * HOUR) });

  const [invoice] = await db.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.partnerId, ids.acme), ne(invoices.status, "void"))).orderBy(desc(invoices.issuedAt)).limit(1);
  const [app] = await db.select({ id: applications.id }).from(applications).where(eq(applications.partnerId, ids.acme)).orderBy(applications.createdAt).limit(1);
  const [failing] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.accountId, ids.sunrise), isNull(integrations.uninstalledAt)))
    .orderBy(desc(integrations.consecutiveFailures))
    .limit(1);

  const resolved = await createTicket(
    db,
    partner,
    {
      subject: "How do we rotate an API key without downtime?",
      body: "We want to rotate our production key every 90 days. Is there a way to have the old and new key work side by side for a while?",
      priority: "low",
      category: "technical",
      links: [],
    },
    at(100),
  );
  await addComment(db, staff, resolved.id, { body: "Yes: **roll** the key from the API keys page and choose how long the old one keeps working (up to 7 days). Both work until then.", internal: false, status: "resolved" }, at(97));
  await rateTicket(db, partner, resolved.id, { rating: 5, comment: "Quick and clear, thanks!" }, at(96));

  const replied = await createTicket(
    db,
    partner,
    {
      subject: "Sandbox app stuck in review",
      body: "Our app *Acme Quote Sync* has been in review for three days. Is anything missing from the submission?",
      priority: "normal",
      category: "app_review",
      links: app ? [{ type: "application", id: app.id }] : [],
    },
    at(30),
  );
  await addComment(db, staff, replied.id, { body: "Checked with the review team: the security checks passed, only the privacy policy URL is missing.", internal: true }, at(6));
  await addComment(
    db,
    staff,
    replied.id,
    { body: "Thanks for waiting. The review only needs a **privacy policy URL** on the app's listing; add it and resubmit, and we'll pick it up the same day.", internal: false },
    at(5),
  );

  await createTicket(
    db,
    partner,
    {
      subject: "Question about our latest invoice",
      body: "The usage line on our latest invoice is higher than our own count of calls. Could you tell us which calls were billed?",
      priority: "normal",
      category: "billing",
      links: invoice ? [{ type: "invoice", id: invoice.id }] : [],
    },
    at(2),
  );

  const urgent = await createTicket(
    db,
    customer,
    {
      subject: "Leads stopped syncing to our CRM",
      body: "Since this morning no new leads reach our CRM and the integration shows as failing. We rely on it for every new quote.",
      priority: "urgent",
      category: "integration",
      links: failing ? [{ type: "integration", id: failing.id }] : [],
    },
    at(0.5),
  );
  await updateTicket(db, staff, urgent.id, { assigneeId: ids.adminId }, at(0.4));
}
