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

export type PlanTier = { upTo: number | null; unitAmountCentsPer1000: number; flatAmountCents?: number };

/**
 * A partner's pricing plans, as a history: each row is in force from its
 * `effective_from` until the next row's. A period is billed with the plans in
 * force during it; `partner_id` null is the platform's default plan, copied to
 * each new partner.
 */
export const pricingPlans = pgTable(
  "pricing_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    model: pricingModel("model").notNull(),
    currency: text("currency").notNull().default("USD"),
    revenueShareBps: integer("revenue_share_bps").notNull().default(0),
    flatFeeCents: bigint("flat_fee_cents", { mode: "number" }),
    flatFeeInterval: text("flat_fee_interval").$type<"month" | "year">().notNull().default("month"),
    includedCalls: bigint("included_calls", { mode: "number" }).notNull().default(0),
    tiers: jsonb("tiers").$type<PlanTier[]>(),
    tierMode: text("tier_mode").$type<"graduated" | "volume">().notNull().default("graduated"),
    minimumCents: bigint("minimum_cents", { mode: "number" }).notNull().default(0),
    taxRateBps: integer("tax_rate_bps").notNull().default(0),
    effectiveFrom: timestamp("effective_from", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pricing_plans_partner_from_uq").on(t.partnerId, t.effectiveFrom),
    index("pricing_plans_updated_by_idx").on(t.updatedBy),
    check("pricing_plans_bps_ck", sql`${t.revenueShareBps} between 0 and 10000 and ${t.taxRateBps} between 0 and 10000`),
    check(
      "pricing_plans_amounts_ck",
      sql`coalesce(${t.flatFeeCents}, 0) >= 0 and ${t.includedCalls} >= 0 and ${t.minimumCents} >= 0`,
    ),
    check("pricing_plans_interval_ck", sql`${t.flatFeeInterval} in ('month', 'year') and ${t.tierMode} in ('graduated', 'volume')`),
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
    status: invoiceStatus("status").notNull().default("open"),
    currency: text("currency").notNull().default("USD"),
    subtotalCents: bigint("subtotal_cents", { mode: "number" }).notNull().default(0),
    taxCents: bigint("tax_cents", { mode: "number" }).notNull().default(0),
    totalCents: bigint("total_cents", { mode: "number" }).notNull().default(0),
    issuedAt: timestamp("issued_at", { withTimezone: true, precision: 3 }),
    dueAt: timestamp("due_at", { withTimezone: true, precision: 3 }),
    paidAt: timestamp("paid_at", { withTimezone: true, precision: 3 }),
    voidedAt: timestamp("voided_at", { withTimezone: true, precision: 3 }),
    voidReason: text("void_reason"),
    paymentReference: text("payment_reference"),
    /** The billing run that issued it (null for one issued by hand). */
    runId: uuid("run_id").references(() => billingRuns.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoices_number_uq").on(t.number),
    // Makes the monthly run idempotent; a voided invoice steps aside so its period can be issued again.
    uniqueIndex("invoices_partner_period_uq").on(t.partnerId, t.period).where(sql`${t.status} <> 'void'`),
    index("invoices_run_idx").on(t.runId),
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
    /** Order on the document. */
    position: integer("position").notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("invoice_line_items_invoice_idx").on(t.invoiceId, t.position)],
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
    grossCents: bigint("gross_cents", { mode: "number" }).notNull().default(0),
    platformShareCents: bigint("platform_share_cents", { mode: "number" }).notNull().default(0),
    carriedForwardCents: bigint("carried_forward_cents", { mode: "number" }).notNull().default(0),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    reference: text("reference"),
    paidAt: timestamp("paid_at", { withTimezone: true, precision: 3 }),
    failureReason: text("failure_reason"),
    failedAt: timestamp("failed_at", { withTimezone: true, precision: 3 }),
    provider: text("provider").notNull().default("manual"),
    runId: uuid("run_id").references(() => billingRuns.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("payouts_run_idx").on(t.runId),
    uniqueIndex("payouts_partner_period_uq").on(t.partnerId, t.period),
    index("payouts_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("payouts_status_idx").on(t.status, t.createdAt, t.id),
    index("payouts_period_idx").on(t.period),
    check("payouts_period_ck", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/**
 * What the platform owes a partner for a period, whether or not it was paid out:
 * one per partner and period (the payout run's idempotency key). Below the
 * minimum, `payout_id` is null and `carried_out_cents` moves to the balance.
 */
export const payoutStatements = pgTable(
  "payout_statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    currency: text("currency").notNull().default("USD"),
    grossCents: bigint("gross_cents", { mode: "number" }).notNull(),
    revenueShareBps: integer("revenue_share_bps").notNull(),
    platformShareCents: bigint("platform_share_cents", { mode: "number" }).notNull(),
    carriedInCents: bigint("carried_in_cents", { mode: "number" }).notNull(),
    netCents: bigint("net_cents", { mode: "number" }).notNull(),
    /** What stays in the balance for the next period (net below the minimum), else 0. */
    carriedOutCents: bigint("carried_out_cents", { mode: "number" }).notNull(),
    payoutId: uuid("payout_id").references(() => payouts.id, { onDelete: "set null" }),
    /** Per listing: installs, install-days, price, gross. */
    lines: jsonb("lines").$type<Record<string, unknown>[]>().notNull().default([]),
    runId: uuid("run_id").references(() => billingRuns.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payout_statements_partner_period_uq").on(t.partnerId, t.period),
    index("payout_statements_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("payout_statements_payout_idx").on(t.payoutId),
    index("payout_statements_run_idx").on(t.runId),
    check("payout_statements_period_ck", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** Money the platform holds for a partner between payouts (carried forward, failed payouts back). */
export const partnerBalances = pgTable("partner_balances", {
  partnerId: uuid("partner_id")
    .primaryKey()
    .references(() => partners.id, { onDelete: "restrict" }),
  balanceCents: bigint("balance_cents", { mode: "number" }).notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Gapless counters (invoice numbers): incremented in the transaction that uses the value, so a rollback returns it. */
export const billingCounters = pgTable("billing_counters", {
  name: text("name").primaryKey(),
  value: bigint("value", { mode: "number" }).notNull().default(0),
});

/**
 * A month-end run (invoices or payouts) for a period, all partners or one:
 * the row is the workflow's state. Whoever holds the lease works through the
 * partners still to do; a crash lets the lease lapse and the next claim
 * resumes, skipping partners already done (their unique rows).
 */
export const billingRuns = pgTable(
  "billing_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<"invoices" | "payouts">().notNull(),
    period: text("period").notNull(),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    status: text("status").$type<"pending" | "running" | "succeeded" | "failed">().notNull().default("pending"),
    trigger: text("trigger").$type<"manual" | "schedule">().notNull().default("manual"),
    totalPartners: integer("total_partners"),
    processedPartners: integer("processed_partners").notNull().default(0),
    /** The last partner done (runs go through partners in id order): where a resumed run carries on. */
    cursor: uuid("cursor"),
    createdCount: integer("created_count").notNull().default(0),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    leaseUntil: timestamp("lease_until", { withTimezone: true, precision: 3 }),
    error: text("error"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("billing_runs_created_idx").on(t.createdAt, t.id),
    // One scheduled month-end run per kind and period, however many schedulers fire.
    uniqueIndex("billing_runs_scheduled_uq")
      .on(t.kind, t.period)
      .where(sql`${t.trigger} = 'schedule' and ${t.partnerId} is null`),
    index("billing_runs_status_idx").on(t.status, t.leaseUntil),
    index("billing_runs_partner_idx").on(t.partnerId),
    index("billing_runs_requested_by_idx").on(t.requestedBy),
    check("billing_runs_period_ck", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("billing_runs_kind_ck", sql`${t.kind} in ('invoices', 'payouts')`),
    check("billing_runs_status_ck", sql`${t.status} in ('pending', 'running', 'succeeded', 'failed')`),
  ],
);
