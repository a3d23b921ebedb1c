import { applicationProbes } from "./applications/probe";
import { scheduledJobFunctions } from "./jobs/scheduled-jobs";
import { webhookDeliver } from "./webhooks/deliver";
import { webhookSweep } from "./webhooks/sweep";

export const functions = [webhookDeliver, webhookSweep, applicationProbes, ...scheduledJobFunctions];
