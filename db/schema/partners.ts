import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contactKind, partnerRole, partnerStatus, partnerTier, partnerType } from "./enums";
import { users } from "./users";

export const partners = pgTable(
  "partners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    type: partnerType("type").notNull().default("technology"),
    status: partnerStatus("status").notNull().default("pending"),
    tier: partnerTier("tier").notNull().default("standard"),
    website: text("website"),
    description: text("description").notNull().default(""),
    country: text("country"),
    statusReason: text("status_reason"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true, precision: 3 }),
    statusChangedBy: uuid("status_changed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("partners_slug_uq").on(t.slug),
    index("partners_status_idx").on(t.status, t.createdAt, t.id),
    index("partners_created_idx").on(t.createdAt, t.id),
    index("partners_status_changed_by_idx").on(t.statusChangedBy),
  ],
);

export const partnerMembers = pgTable(
  "partner_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: partnerRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("partner_members_uq").on(t.partnerId, t.userId), index("partner_members_user_idx").on(t.userId)],
);

export const partnerContacts = pgTable(
  "partner_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    kind: contactKind("kind").notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    title: text("title"),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("partner_contacts_partner_idx").on(t.partnerId, t.createdAt, t.id),
    // One primary contact per kind per partner.
    uniqueIndex("partner_contacts_primary_uq").on(t.partnerId, t.kind).where(sql`${t.isPrimary}`),
  ],
);

export const partnerAgreements = pgTable(
  "partner_agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    version: text("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, precision: 3 }),
    acceptedIp: text("accepted_ip"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("partner_agreements_version_uq").on(t.partnerId, t.kind, t.version),
    index("partner_agreements_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("partner_agreements_issued_by_idx").on(t.issuedBy),
    index("partner_agreements_accepted_by_idx").on(t.acceptedBy),
  ],
);
