import { pruneHealthChecks } from "@/lib/integrations/health/prune-health-checks";
import { runDueHealthChecks } from "@/lib/integrations/health/run-due-health-checks";
import { resumeStaleRuns } from "@/lib/billing/billing-runs";
import { markOverdueInvoices } from "@/lib/billing/invoices/mark-overdue";
import { runMonthEnd } from "@/lib/billing/month-end";
import { closeResolvedTickets } from "@/lib/support/close-resolved-tickets";
import { markSlaBreaches } from "@/lib/support/mark-sla-breaches";
import { sendDueMail } from "@/lib/mail/send-due-mail";
import { pruneJobRuns } from "./prune-job-runs";
import { assertCron, type ScheduledJob } from "./scheduled-job";

// Every periodic job, in one list: the embedded scheduler and the Inngest cron
// functions (inngest/functions/jobs/scheduled-jobs.ts) are both built from it,
// and the admin page lists it. A new job is one entry here; its logic lives in
// lib/<area>, takes (db, slot) and returns a small summary. Crons are UTC.

export const scheduledJobs: ScheduledJob[] = [
  {
    id: "integration-health",
    cron: "* * * * *",
    description: "Checks the integrations whose turn has come (each every 5 minutes, spread over the 5)",
    run: (db, _slot, { signal }) => runDueHealthChecks(db, { signal }),
    maxRunMs: 10 * 60_000,
  },
  {
    id: "integration-health-retention",
    cron: "17 3 * * *",
    description: "Deletes integration health checks older than 30 days",
    run: (db) => pruneHealthChecks(db),
  },
  {
    id: "scheduled-job-runs-retention",
    cron: "27 3 * * *",
    description: "Deletes scheduled job runs older than 90 days (keeping each job's latest)",
    run: (db) => pruneJobRuns(db),
  },
  {
    id: "billing-monthly",
    cron: "0 0 1 * *",
    description: "Month end: issues last month's invoices, then its payout statements and payouts",
    run: (db, slot, { signal }) => runMonthEnd(db, slot, { signal }),
    maxRunMs: 2 * 3_600_000,
    // Catch up a missed month end for a week: invoices are owed whenever the platform comes back.
    catchUpWithinMs: 7 * 24 * 3_600_000,
    // Inngest runs it as its own function (inngest/functions/billing/billing-monthly.ts): a step per batch of partners.
    inngest: "own",
  },
  {
    id: "billing-overdue",
    cron: "10 0 * * *",
    description: "Marks open invoices past their due date overdue",
    run: (db, slot) => markOverdueInvoices(db, slot),
  },
  {
    id: "billing-runs-resume",
    cron: "* * * * *",
    description: "Resumes billing runs whose runner stopped (a crash or a restart) from the last partner they finished",
    run: (db) => resumeStaleRuns(db),
    maxRunMs: 2 * 3_600_000,
  },
  {
    id: "mail-send",
    cron: "* * * * *",
    description: "Sends queued mail whose time has come: first attempts a nudge missed, and retries",
    // Claims no new batch after 50 s, so a run ends about when the next minute's starts; what is left waits for that one.
    run: (db, _slot, { signal }) => sendDueMail(db, { limit: 5000, signal, budgetMs: 50_000 }),
    maxRunMs: 5 * 60_000,
    // Each run claims its rows with SKIP LOCKED and sends only those: parallel runs share the work, never a message.
    overlap: true,
  },
  {
    id: "support-sla-breaches",
    cron: "* * * * *",
    description: "Marks tickets whose owed reply is past due as breached and tells staff once per missed reply",
    run: (db, slot, { signal }) => markSlaBreaches(db, slot, { signal }),
  },
  {
    id: "support-close-resolved",
    cron: "*/15 * * * *",
    description: "Closes tickets resolved more than 4 days ago",
    run: (db, slot) => closeResolvedTickets(db, slot),
  },
];

for (const job of scheduledJobs) assertCron(job.cron);
if (new Set(scheduledJobs.map((j) => j.id)).size !== scheduledJobs.length) throw new Error("scheduled job ids must be unique");
