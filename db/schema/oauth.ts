import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { applications } from "./applications";
import { oauthClientStatus, oauthClientType } from "./enums";
import { partners } from "./partners";
import { users } from "./users";

export const oauthClients = pgTable(
  "oauth_clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id").references(() => applications.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    // The public client_id; `id` stays internal.
    clientId: text("client_id").notNull(),
    // Null for public clients.
    secretHash: text("secret_hash"),
    secretLast4: text("secret_last4"),
    type: oauthClientType("type").notNull(),
    status: oauthClientStatus("status").notNull().default("active"),
    redirectUris: text("redirect_uris").array().notNull().default(sql`'{}'::text[]`),
    grantTypes: text("grant_types").array().notNull().default(sql`'{}'::text[]`),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_clients_client_id_uq").on(t.clientId),
    index("oauth_clients_partner_idx").on(t.partnerId, t.createdAt, t.id),
    // An application owns at most one client (created at its first publish).
    uniqueIndex("oauth_clients_application_uq").on(t.applicationId),
    index("oauth_clients_created_by_idx").on(t.createdBy),
  ],
);

export const oauthAuthorizationCodes = pgTable(
  "oauth_authorization_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeHash: text("code_hash").notNull(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    redirectUri: text("redirect_uri").notNull(),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    codeChallenge: text("code_challenge"),
    codeChallengeMethod: text("code_challenge_method"),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    // A second redemption of a used code revokes every token issued from it.
    usedAt: timestamp("used_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_authorization_codes_hash_uq").on(t.codeHash),
    index("oauth_authorization_codes_client_idx").on(t.clientId),
    index("oauth_authorization_codes_user_idx").on(t.userId),
    index("oauth_authorization_codes_account_idx").on(t.accountId),
    index("oauth_authorization_codes_expires_idx").on(t.expiresAt),
  ],
);

export const oauthTokens = pgTable(
  "oauth_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    tokenHash: text("token_hash").notNull(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    // Cascade, not set null: a user's token must not survive as a user-less (client) token.
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    // Shared by every access and refresh token descending from one grant; reuse of a spent
    // refresh token revokes the whole family. Null for client_credentials tokens.
    familyId: uuid("family_id"),
    parentId: uuid("parent_id").references((): AnyPgColumn => oauthTokens.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    usedAt: timestamp("used_at", { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    authorizationCodeId: uuid("authorization_code_id").references(() => oauthAuthorizationCodes.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_tokens_hash_uq").on(t.tokenHash),
    index("oauth_tokens_client_idx").on(t.clientId, t.createdAt, t.id),
    index("oauth_tokens_user_idx").on(t.userId, t.createdAt, t.id),
    index("oauth_tokens_account_idx").on(t.accountId),
    index("oauth_tokens_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("oauth_tokens_family_idx").on(t.familyId),
    index("oauth_tokens_parent_idx").on(t.parentId),
    index("oauth_tokens_authorization_code_idx").on(t.authorizationCodeId),
    index("oauth_tokens_expires_idx").on(t.expiresAt),
    check("oauth_tokens_kind_ck", sql`${t.kind} in ('access', 'refresh')`),
  ],
);

export const oauthConsents = pgTable(
  "oauth_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    // NULLs are distinct in a plain unique index, so the account-less consent gets its own.
    uniqueIndex("oauth_consents_account_uq")
      .on(t.userId, t.clientId, t.accountId)
      .where(sql`${t.accountId} is not null`),
    uniqueIndex("oauth_consents_no_account_uq").on(t.userId, t.clientId).where(sql`${t.accountId} is null`),
    index("oauth_consents_user_idx").on(t.userId, t.createdAt, t.id),
    index("oauth_consents_client_idx").on(t.clientId),
    index("oauth_consents_account_idx").on(t.accountId),
  ],
);
