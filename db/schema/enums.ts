import { pgEnum } from "drizzle-orm/pg-core";

// Every domain enum, in one place so each schema file and zod schema share them.
export const partnerType = pgEnum("partner_type", ["technology", "carrier", "agency", "consultant", "data_provider"]);
export const partnerStatus = pgEnum("partner_status", ["pending", "active", "suspended", "rejected"]);
export const partnerTier = pgEnum("partner_tier", ["standard", "premium", "enterprise"]);
export const partnerRole = pgEnum("partner_role", ["owner", "admin", "developer", "billing"]);
export const accountRole = pgEnum("account_role", ["owner", "admin", "member"]);
export const contactKind = pgEnum("contact_kind", ["business", "technical", "billing"]);
export const applicationStatus = pgEnum("application_status", [
  "draft",
  "submitted",
  "in_review",
  "approved",
  "rejected",
  "published",
  "deprecated",
]);
export const apiKeyStatus = pgEnum("api_key_status", ["active", "expiring", "revoked", "expired"]);
export const oauthClientType = pgEnum("oauth_client_type", ["confidential", "public"]);
export const oauthClientStatus = pgEnum("oauth_client_status", ["active", "disabled"]);
export const integrationStatus = pgEnum("integration_status", ["pending", "active", "degraded", "failed", "disconnected"]);
export const endpointStatus = pgEnum("webhook_endpoint_status", ["enabled", "disabled"]);
export const deliveryStatus = pgEnum("webhook_delivery_status", ["pending", "succeeded", "failed", "dead"]);
export const pricingModel = pgEnum("pricing_model", ["revenue_share", "flat_fee", "usage_based", "hybrid"]);
export const invoiceStatus = pgEnum("invoice_status", ["draft", "open", "paid", "void", "overdue"]);
export const payoutStatus = pgEnum("payout_status", ["pending", "processing", "paid", "failed"]);
export const ticketPriority = pgEnum("ticket_priority", ["low", "normal", "high", "urgent"]);
export const ticketStatus = pgEnum("ticket_status", ["open", "pending", "resolved", "closed"]);
export const listingStatus = pgEnum("listing_status", ["draft", "published", "unlisted", "delisted"]);
export const jobStatus = pgEnum("job_status", ["pending", "running", "succeeded", "failed"]);
