import { applicationProbes } from "./applications/probe";
import { billingMonthly } from "./billing/billing-monthly";
import { billingRun } from "./billing/billing-run";
import { scheduledJobFunctions } from "./jobs/scheduled-jobs";
import { sendQueuedMail } from "./mail/send-queued-mail";
import { webhookDeliver } from "./webhooks/deliver";
import { webhookSweep } from "./webhooks/sweep";

export const functions = [webhookDeliver, webhookSweep, applicationProbes, billingMonthly, billingRun, sendQueuedMail, ...scheduledJobFunctions];
