import { eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { eventPayloadJsonSchema, standardEventTypes } from "@/lib/events/catalog";
import type { Db } from "./index";
import { seedApplications } from "./seed-applications";
import { seedBilling } from "./seed-billing";
import { seedMarketplace } from "./seed-marketplace";
import { seedSupport } from "./seed-support";
import { accountMembers, accounts, eventTypes, partnerMembers, partners, users } from "./schema";

export const DEMO_PASSWORD = "portico-demo";

/** Idempotent: run it any number of times; existing rows are left as they are. */
export async function seed(db: Db, opts: { demo: boolean }) {
  for (const t of standardEventTypes) {
    await db
      .insert(eventTypes)
      .values({
        name: t.name,
        area: t.area,
        description: t.description,
        payloadSchema: eventPayloadJsonSchema(t),
        examplePayload: t.example,
        version: 1,
      })
      .onConflictDoNothing();
  }
  if (!opts.demo) return;

  let passwordHash: string | undefined;
  const ensureUser = async (email: string, name: string, isPlatformAdmin = false) => {
    const find = () => db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
    const [found] = await find();
    if (found) return found.id;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    await db.insert(users).values({ email, name, passwordHash, isPlatformAdmin }).onConflictDoNothing();
    const [u] = await find();
    return u.id;
  };
  const adminId = await ensureUser("admin@portico.test", "Ada Admin", true);
  const partnerUserId = await ensureUser("partner@portico.test", "Pat Partner");
  const customerId = await ensureUser("customer@portico.test", "Casey Customer");

  await db
    .insert(partners)
    .values({
      name: "Acme Insurtech",
      slug: "acme",
      type: "technology",
      status: "active",
      tier: "standard",
      website: "https://acme-insurtech.example",
      description: "Quote-to-bind integrations for independent agencies.",
      country: "US",
      statusChangedAt: new Date(),
      statusChangedBy: adminId,
    })
    .onConflictDoNothing();
  const [acme] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "acme"));
  await db.insert(partnerMembers).values({ partnerId: acme.id, userId: partnerUserId, role: "owner" }).onConflictDoNothing();

  const northwindUserId = await ensureUser("northwind@portico.test", "Nora Northwind");
  await db
    .insert(partners)
    .values({
      name: "Northwind Rating",
      slug: "northwind",
      type: "data_provider",
      status: "active",
      tier: "standard",
      website: "https://northwind.example",
      description: "Comparative rating for personal lines.",
      country: "US",
      statusChangedAt: new Date(),
      statusChangedBy: adminId,
    })
    .onConflictDoNothing();
  const [northwind] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "northwind"));
  await db.insert(partnerMembers).values({ partnerId: northwind.id, userId: northwindUserId, role: "owner" }).onConflictDoNothing();
  await seedApplications(db, { acme: acme.id, acmeUser: partnerUserId, northwind: northwind.id, northwindUser: northwindUserId });

  await db.insert(accounts).values({ name: "Sunrise Agency", slug: "sunrise" }).onConflictDoNothing();
  const [sunrise] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, "sunrise"));
  await db
    .insert(accountMembers)
    .values({ accountId: sunrise.id, userId: customerId, role: "owner" })
    .onConflictDoNothing();
  // A plain member of Sunrise: sees its integrations read-only and is told to ask an admin to install.
  const memberId = await ensureUser("sam@sunrise.example", "Sam Ortiz");
  await db.insert(accountMembers).values({ accountId: sunrise.id, userId: memberId, role: "member" }).onConflictDoNothing();
  passwordHash ??= await hashPassword(DEMO_PASSWORD);
  await seedMarketplace(db, { passwordHash, adminId, acme: acme.id, acmeUser: partnerUserId, northwind: northwind.id, northwindUser: northwindUserId, sunrise: sunrise.id, customer: customerId });
  await seedBilling(db, { acme: acme.id });
  await seedSupport(db, { adminId, acme: acme.id, acmeUser: partnerUserId, sunrise: sunrise.id, customer: customerId });
  return { adminId, partnerUserId, customerId, partnerId: acme.id, accountId: sunrise.id };
}
