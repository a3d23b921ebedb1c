import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { apiKeyStatus } from "./enums";
import { partners } from "./partners";
import { users } from "./users";

/** Partner API keys. Only the SHA-256 of the key is stored; prefix and last4 let people recognise it. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id").references(() => applications.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    last4: text("last4").notNull(),
    hash: text("hash").notNull(),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    status: apiKeyStatus("status").notNull().default("active"),
    // Null = the partner tier's limit; a value may only lower it.
    ratelimitPerMinute: integer("ratelimit_per_minute"),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
    rotatedFromId: uuid("rotated_from_id").references((): AnyPgColumn => apiKeys.id, { onDelete: "set null" }),
    // Set on the old key when rotated: it keeps working (status "expiring") until then.
    graceEndsAt: timestamp("grace_ends_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_keys_hash_uq").on(t.hash),
    index("api_keys_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("api_keys_partner_status_idx").on(t.partnerId, t.status, t.createdAt, t.id),
    index("api_keys_application_idx").on(t.applicationId),
    index("api_keys_created_by_idx").on(t.createdBy),
    index("api_keys_revoked_by_idx").on(t.revokedBy),
    index("api_keys_rotated_from_idx").on(t.rotatedFromId),
    // Sweeps that flip keys to "expired" once expiresAt / graceEndsAt pass.
    index("api_keys_expires_idx").on(t.status, t.expiresAt),
    index("api_keys_grace_idx").on(t.status, t.graceEndsAt),
    check("api_keys_ratelimit_ck", sql`${t.ratelimitPerMinute} is null or ${t.ratelimitPerMinute} > 0`),
  ],
);
