import { z } from "zod";

// The 22 standard platform events. Each payload is a zod schema: it validates
// POST /events and is published as JSON Schema in the catalog.

const id = z.uuid();
const money = z.number().int().nonnegative().describe("Minor units (cents)");
const when = z.iso.datetime();

const Lead = z.object({
  leadId: id,
  source: z.string(),
  lineOfBusiness: z.enum(["auto", "home", "life", "health", "commercial", "other"]),
  contact: z.object({ name: z.string(), email: z.email().optional(), phone: z.string().optional() }),
  createdAt: when,
});
const Policy = z.object({
  policyId: id,
  policyNumber: z.string(),
  lineOfBusiness: z.enum(["auto", "home", "life", "health", "commercial", "other"]),
  carrier: z.string(),
  premiumCents: money,
  currency: z.string().length(3),
  effectiveDate: z.iso.date(),
  expirationDate: z.iso.date(),
});
const Claim = z.object({ claimId: id, policyId: id, claimNumber: z.string(), amountCents: money, currency: z.string().length(3) });
const User = z.object({ userId: id, email: z.email(), name: z.string(), role: z.string() });
const Integration = z.object({ integrationId: id, applicationId: id, accountId: id });

export type EventTypeDefinition = {
  name: string;
  area: string;
  description: string;
  schema: z.ZodObject;
  example: Record<string, unknown>;
};

const ex = {
  lead: {
    leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10",
    source: "website",
    lineOfBusiness: "auto",
    contact: { name: "Dana Reyes", email: "dana@example.com", phone: "+1 555 0100" },
    createdAt: "2026-11-01T09:30:00.000Z",
  },
  policy: {
    policyId: "5d1e2c3b-4a59-4f6e-8d7c-1b2a3c4d5e6f",
    policyNumber: "AUT-2026-000123",
    lineOfBusiness: "auto",
    carrier: "Harbor Mutual",
    premiumCents: 128_400,
    currency: "USD",
    effectiveDate: "2026-12-01",
    expirationDate: "2027-12-01",
  },
  claim: {
    claimId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
    policyId: "5d1e2c3b-4a59-4f6e-8d7c-1b2a3c4d5e6f",
    claimNumber: "CLM-88412",
    amountCents: 250_000,
    currency: "USD",
  },
  user: { userId: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", email: "sam@sunrise.example", name: "Sam Ortiz", role: "member" },
  integration: {
    integrationId: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
    applicationId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    accountId: "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
  },
};

function def(name: string, description: string, schema: z.ZodObject, example: Record<string, unknown>): EventTypeDefinition {
  return { name, area: name.split(".")[0], description, schema, example };
}

export const standardEventTypes: EventTypeDefinition[] = [
  def("lead.created", "A new lead entered the platform.", Lead, ex.lead),
  def("lead.updated", "A lead's details changed.", Lead.extend({ changes: z.array(z.string()) }), { ...ex.lead, changes: ["contact.phone"] }),
  def("lead.qualified", "A lead was marked qualified.", Lead.extend({ score: z.number().min(0).max(100) }), { ...ex.lead, score: 82 }),
  def("lead.assigned", "A lead was assigned to an agent.", Lead.extend({ assignedTo: id }), {
    ...ex.lead,
    assignedTo: ex.user.userId,
  }),
  def("lead.converted", "A lead became a policy.", Lead.extend({ policyId: id }), { ...ex.lead, policyId: ex.policy.policyId }),
  def("policy.created", "A policy was bound.", Policy, ex.policy),
  def("policy.updated", "A policy was endorsed or changed.", Policy.extend({ changes: z.array(z.string()) }), {
    ...ex.policy,
    changes: ["premiumCents"],
  }),
  def("policy.renewed", "A policy renewed for a new term.", Policy.extend({ previousPolicyId: id }), {
    ...ex.policy,
    previousPolicyId: "4c3b2a19-0f8e-4d7c-9b6a-5f4e3d2c1b0a",
  }),
  def("policy.cancelled", "A policy was cancelled.", Policy.extend({ reason: z.string(), cancelledAt: when }), {
    ...ex.policy,
    reason: "non_payment",
    cancelledAt: "2026-11-20T12:00:00.000Z",
  }),
  def("claim.filed", "A claim was filed against a policy.", Claim.extend({ filedAt: when }), { ...ex.claim, filedAt: "2026-11-02T15:04:05.000Z" }),
  def("claim.approved", "A claim was approved.", Claim.extend({ approvedAmountCents: money }), { ...ex.claim, approvedAmountCents: 240_000 }),
  def("claim.denied", "A claim was denied.", Claim.extend({ reason: z.string() }), { ...ex.claim, reason: "not_covered" }),
  def("claim.paid", "A claim was paid out.", Claim.extend({ paidAmountCents: money, paidAt: when }), {
    ...ex.claim,
    paidAmountCents: 240_000,
    paidAt: "2026-11-10T10:00:00.000Z",
  }),
  def("user.created", "A user joined an account.", User, ex.user),
  def("user.updated", "A user's profile changed.", User.extend({ changes: z.array(z.string()) }), { ...ex.user, changes: ["name"] }),
  def("user.role_changed", "A user's role changed.", User.extend({ previousRole: z.string() }), { ...ex.user, previousRole: "admin" }),
  def("integration.connected", "An account installed and connected an integration.", Integration, ex.integration),
  def("integration.disconnected", "An account uninstalled an integration.", Integration.extend({ reason: z.string().optional() }), {
    ...ex.integration,
    reason: "uninstalled",
  }),
  def("integration.failed", "An integration's health check failed.", Integration.extend({ error: z.string() }), {
    ...ex.integration,
    error: "connection refused",
  }),
  def(
    "billing.usage_updated",
    "A partner's metered usage for the period changed.",
    z.object({ partnerId: id, period: z.string().regex(/^\d{4}-\d{2}$/), calls: z.number().int().nonnegative() }),
    { partnerId: "6e5d4c3b-2a19-4087-b6a5-f4e3d2c1b0a9", period: "2026-11", calls: 120_450 },
  ),
  def(
    "billing.invoice_generated",
    "An invoice was issued.",
    z.object({ invoiceId: id, partnerId: id, period: z.string().regex(/^\d{4}-\d{2}$/), totalCents: money, currency: z.string().length(3), dueAt: when }),
    {
      invoiceId: "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
      partnerId: "6e5d4c3b-2a19-4087-b6a5-f4e3d2c1b0a9",
      period: "2026-10",
      totalCents: 49_900,
      currency: "USD",
      dueAt: "2026-12-01T00:00:00.000Z",
    },
  ),
  def(
    "billing.payment_received",
    "A payment was applied to an invoice.",
    z.object({ invoiceId: id, partnerId: id, amountCents: money, currency: z.string().length(3), receivedAt: when }),
    {
      invoiceId: "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
      partnerId: "6e5d4c3b-2a19-4087-b6a5-f4e3d2c1b0a9",
      amountCents: 49_900,
      currency: "USD",
      receivedAt: "2026-11-15T08:00:00.000Z",
    },
  ),
];

export function eventPayloadJsonSchema(t: EventTypeDefinition): Record<string, unknown> {
  return z.toJSONSchema(t.schema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
