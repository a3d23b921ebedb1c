import { applicationProbes } from "./applications/probe";
import { webhookDeliver } from "./webhooks/deliver";
import { webhookSweep } from "./webhooks/sweep";

export const functions = [webhookDeliver, webhookSweep, applicationProbes];
