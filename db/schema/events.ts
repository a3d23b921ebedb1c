import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { partners } from "./partners";

/** The catalogue of platform events partners can subscribe to. */
export const eventTypes = pgTable(
  "event_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    area: text("area").notNull(),
    description: text("description").notNull().default(""),
    // JSON Schema of `data`.
    payloadSchema: jsonb("payload_schema").$type<Record<string, unknown>>().notNull().default({}),
    examplePayload: jsonb("example_payload").$type<Record<string, unknown>>().notNull().default({}),
    version: integer("version").notNull().default(1),
    deprecated: boolean("deprecated").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("event_types_name_version_uq").on(t.name, t.version),
    index("event_types_area_idx").on(t.area, t.name),
  ],
);

/** Append-only log of platform events; webhook deliveries fan out from here. */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    // Set null rather than cascade: the event history outlives the tenant reference.
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "set null" }),
    idempotencyKey: text("idempotency_key"),
    // The principal that published it, e.g. "user:<id>", "api_key:<id>", "system".
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("events_type_idx").on(t.type, t.createdAt),
    index("events_partner_idx").on(t.partnerId, t.createdAt),
    index("events_account_idx").on(t.accountId, t.createdAt),
    index("events_created_idx").on(t.createdAt, t.id),
    uniqueIndex("events_idempotency_uq")
      .on(t.createdBy, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);
