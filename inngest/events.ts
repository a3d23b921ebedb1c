import { z } from "zod";

// Event names are portico/<area>.<past-tense verb>; payloads are validated here.
export const DeliveryScheduled = z.object({ deliveryId: z.uuid() });
export const DELIVERY_SCHEDULED = "portico/webhooks.delivery_scheduled";

export const ProbesRequested = z.object({ applicationId: z.uuid(), versionId: z.uuid() });
export const PROBES_REQUESTED = "portico/applications.probes_requested";

export const BillingRunRequested = z.object({ runId: z.uuid() });
export const BILLING_RUN_REQUESTED = "portico/billing.run_requested";

export const MailQueued = z.object({ messageIds: z.array(z.uuid()).min(1).max(500) });
export const MAIL_QUEUED = "portico/mail.queued";
