import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { invoiceStatus, payoutStatus, pricingModel } from "./enums";
import { partners } from "./partners";
import { users } from "./users";

// Money is integer minor units (cents) and rates are basis points, never floats.

/** A partner's current pricing plan. */
export const pricingPlans = pgTable(
  "pricing_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    model: pricingModel("model").notNull(),
    currency: text("currency").notNull().default("USD"),
    revenueShareBps: integer("revenue_share_bps").notNull().default(0),
    flatFeeCents: bigint("flat_fee_cents", { mode: "number" }).notNull().default(0),
    includedCalls: integer("included_calls").notNull().default(0),
    unitPriceCentsPer1000: bigint("unit_price_cents_per_1000", { mode: "number" }).notNull().default(0),
    minimumCents: bigint("minimum_cents", { mode: "number" }).notNull().default(0),
    effectiveFrom: timestamp("effective_from", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pricing_plans_partner_uq").on(t.partnerId),
    index("pricing_plans_updated_by_idx").on(t.updatedBy),
    check("pricing_plans_bps_ck", sql`${t.revenueShareBps} between 0 and 10000`),
    check(
      "pricing_plans_amounts_ck",
      sql`${t.flatFeeCents} >= 0 and ${t.includedCalls} >= 0 and ${t.unitPriceCentsPer1000} >= 0 and ${t.minimumCents} >= 0`,
    ),
  ],
);

/** Daily API call counts, upserted by the request path. */
export const usageCounters = pgTable(
  "usage_counters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    // Not FKs: nullable columns would break the upsert key, and usage must survive a deleted credential.
    credentialType: text("credential_type").notNull().default(""),
    credentialId: text("credential_id").notNull().default(""),
    day: date("day").notNull(),
    routeGroup: text("route_group").notNull(),
    statusClass: text("status_class").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("usage_counters_uq").on(t.partnerId, t.credentialId, t.day, t.routeGroup, t.statusClass),
    index("usage_counters_partner_day_idx").on(t.partnerId, t.day),
    index("usage_counters_credential_day_idx").on(t.credentialId, t.day),
    check("usage_counters_status_class_ck", sql`${t.statusClass} in ('2xx', '3xx', '4xx', '5xx')`),
    check(
      "usage_counters_credential_type_ck",
      sql`${t.credentialType} in ('', 'api_key', 'oauth_client', 'session')`,
    ),
  ],
);

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Restrict: issued invoices are financial records and must not vanish with their partner.
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    number: text("number").notNull(),
    status: invoiceStatus("status").notNull().default("draft"),
    currency: text("currency").notNull().default("USD"),
    subtotalCents: bigint("subtotal_cents", { mode: "number" }).notNull().default(0),
    taxCents: bigint("tax_cents", { mode: "number" }).notNull().default(0),
    totalCents: bigint("total_cents", { mode: "number" }).notNull().default(0),
    issuedAt: timestamp("issued_at", { withTimezone: true, precision: 3 }),
    dueAt: timestamp("due_at", { withTimezone: true, precision: 3 }),
    paidAt: timestamp("paid_at", { withTimezone: true, precision: 3 }),
    voidedAt: timestamp("voided_at", { withTimezone: true, precision: 3 }),
    voidReason: text("void_reason"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoices_number_uq").on(t.number),
    // Makes the monthly run idempotent.
    uniqueIndex("invoices_partner_period_uq").on(t.partnerId, t.period),
    index("invoices_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("invoices_status_idx").on(t.status, t.createdAt, t.id),
    // Sweep that flips open invoices past dueAt to overdue.
    index("invoices_status_due_idx").on(t.status, t.dueAt),
    index("invoices_period_idx").on(t.period),
    check("invoices_period_ck", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("invoices_total_ck", sql`${t.totalCents} = ${t.subtotalCents} + ${t.taxCents}`),
  ],
);

export const invoiceLineItems = pgTable(
  "invoice_line_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    quantity: bigint("quantity", { mode: "number" }).notNull().default(1),
    unitAmountCents: bigint("unit_amount_cents", { mode: "number" }).notNull().default(0),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
    // e.g. "flat_fee", "usage", "minimum", "revenue_share", "adjustment".
    kind: text("kind").notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("invoice_line_items_invoice_idx").on(t.invoiceId, t.createdAt, t.id)],
);

export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    status: payoutStatus("status").notNull().default("pending"),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    reference: text("reference"),
    paidAt: timestamp("paid_at", { withTimezone: true, precision: 3 }),
    failureReason: text("failure_reason"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payouts_partner_period_uq").on(t.partnerId, t.period),
    index("payouts_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("payouts_status_idx").on(t.status, t.createdAt, t.id),
    index("payouts_period_idx").on(t.period),
    check("payouts_period_ck", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
