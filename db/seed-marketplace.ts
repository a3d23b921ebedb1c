import { eq, sql } from "drizzle-orm";
import { rememberTerms } from "@/lib/marketplace/typo-correction";
import type { Db } from "./index";
import { ensureApp } from "./seed-applications";
import { accountMembers, accounts, applications, applicationVersions, integrationHealthChecks, integrations, listings, partnerMembers, partners, reviews, users } from "./schema";

// The demo marketplace: ~40 public listings across the ten categories from eleven partners,
// with installs by sixty agencies and their reviews, spread so that trending (recent installs),
// rating (Bayesian), installs and featured visibly disagree. Every counter on a listing is the
// count of the rows behind it. Sunrise Agency (the demo customer) has two installs with a month of
// health history (one healthy, one degraded) and everything else left to try the install flow on.

type Seller = { slug: string; name: string; type: "technology" | "data_provider" | "consultant"; host: string };

const sellers: Seller[] = [
  { slug: "harbor", name: "Harbor Claims Tech", type: "technology", host: "harborclaims.example" },
  { slug: "ledgerline", name: "Ledgerline", type: "technology", host: "ledgerline.example" },
  { slug: "beacon", name: "Beacon Analytics", type: "data_provider", host: "beacon-analytics.example" },
  { slug: "meridian", name: "Meridian Docs", type: "technology", host: "meridiandocs.example" },
  { slug: "crestview", name: "Crestview Payments", type: "technology", host: "crestviewpay.example" },
  { slug: "kestrel", name: "Kestrel Data", type: "data_provider", host: "kestreldata.example" },
  { slug: "quill", name: "Quill Communications", type: "technology", host: "quill.example" },
  { slug: "sentinel", name: "Sentinel Compliance", type: "consultant", host: "sentinelcompliance.example" },
  { slug: "bluefin", name: "Bluefin CRM", type: "technology", host: "bluefincrm.example" },
];

type DemoListing = {
  name: string;
  seller: string; // a seller slug, or "acme" / "northwind"
  category: string;
  tagline: string;
  tags: string[];
  features: string[];
  scopes: string[];
  /** Installs: all time, in the last 7 days, in the 28 days before. */
  installs: [total: number, last7: number, prior28: number];
  /** Reviews per star, 1★ … 5★. */
  stars: [number, number, number, number, number];
  ageDays: number;
  price?: number;
  featured?: number;
};

const L = (
  name: string,
  seller: string,
  category: string,
  tagline: string,
  tags: string[],
  features: string[],
  scopes: string[],
  installs: DemoListing["installs"],
  stars: DemoListing["stars"],
  ageDays: number,
  extra: Pick<DemoListing, "price" | "featured"> = {},
): DemoListing => ({ name, seller, category, tagline, tags, features, scopes, installs, stars, ageDays, ...extra });

const demoListings: DemoListing[] = [
  // claims
  L("Harbor FNOL Intake", "harbor", "claims", "First notice of loss from web, phone and SMS in one queue", ["fnol", "intake", "claims"], ["Guided FNOL forms for auto, home and commercial", "Photos and documents attached at intake", "Routes each claim to the right adjuster"], ["read:claims", "write:claims", "read:policies"], [48, 3, 6], [1, 1, 3, 12, 24], 400, { featured: 1 }),
  L("Harbor Adjuster Assist", "harbor", "claims", "Reserve suggestions and diary reminders for adjusters", ["adjusting", "reserves"], ["Reserve suggestions from similar closed claims", "Diary reminders synced to the adjuster's calendar"], ["read:claims", "write:claims"], [22, 1, 4], [0, 1, 2, 6, 5], 260),
  L("Subrogation Tracker", "ledgerline", "claims", "Find and recover subrogation opportunities before they expire", ["subrogation", "recovery"], ["Flags claims with recovery potential", "Deadline tracking by jurisdiction"], ["read:claims"], [9, 0, 1], [0, 0, 1, 2, 2], 150, { price: 4900 }),
  L("Fraud Signal", "kestrel", "claims", "Scores every new claim for fraud indicators in seconds", ["fraud", "siu", "scoring"], ["Network analysis across claimants, vehicles and providers", "Explains each score in plain words for the SIU team"], ["read:claims", "read:policies"], [31, 9, 5], [0, 0, 1, 5, 9], 45, { price: 12900 }),
  // policy administration
  L("Ledgerline Policy Hub", "ledgerline", "policy-administration", "Issue, endorse and renew policies from one screen", ["policy", "endorsements", "renewals"], ["Mid-term endorsements with pro-rata premium", "Renewal queue sorted by expiry and retention risk"], ["read:policies", "write:policies"], [55, 2, 9], [2, 2, 6, 18, 27], 520, { featured: 2 }),
  L("Renewal Radar", "beacon", "policy-administration", "Predicts which renewals are at risk and why", ["renewals", "retention"], ["Risk score for every renewal 90 days out", "Suggested actions for the account manager"], ["read:policies", "read:leads"], [17, 4, 3], [0, 0, 1, 4, 6], 70),
  L("Certificate Desk", "meridian", "policy-administration", "Certificates of insurance issued in one click", ["coi", "certificates"], ["Holder lists and additional insureds", "Automatic reissue on endorsement"], ["read:policies", "write:policies"], [26, 1, 2], [1, 0, 2, 7, 8], 330),
  L("Cancellation Guard", "sentinel", "policy-administration", "Notices of cancellation that meet every state's rules", ["cancellation", "notices"], ["State-specific notice periods", "Proof of mailing stored with the policy"], ["read:policies"], [12, 0, 1], [0, 1, 1, 3, 3], 610),
  // quoting & rating
  L("Northwind Home Rater", "northwind", "quoting-rating", "Homeowners quotes from every appointed carrier", ["home", "comparative rating", "quotes"], ["One questionnaire, every carrier", "Replacement cost from the property's own data"], ["read:leads", "write:leads"], [39, 5, 8], [1, 1, 3, 10, 16], 210, { featured: 3 }),
  L("Quick Quote Auto", "bluefin", "quoting-rating", "Personal auto quotes in under two minutes", ["auto", "quotes"], ["VIN decoding and prior-carrier lookup", "Bindable quotes pushed back as leads"], ["read:leads", "write:leads"], [44, 12, 10], [2, 3, 6, 14, 15], 120),
  L("Commercial Lines Rater", "ledgerline", "quoting-rating", "BOP, general liability and workers' comp in one flow", ["commercial", "bop", "workers comp"], ["Class code lookup", "Appetite checks before the full application"], ["read:leads", "write:leads", "read:policies"], [14, 2, 3], [0, 0, 0, 1, 1], 30, { price: 19900 }),
  L("Flood Quote Connect", "kestrel", "quoting-rating", "Private flood and NFIP quotes side by side", ["flood", "nfip"], ["Flood zone and elevation data included", "Compares private market and NFIP premiums"], ["read:leads", "write:leads"], [8, 3, 1], [0, 0, 0, 0, 1], 12),
  // CRM & leads
  L("Bluefin CRM Sync", "bluefin", "crm-leads", "Two-way sync of leads and contacts with your CRM", ["crm", "salesforce", "hubspot"], ["Field mapping you control", "Duplicate detection on email and phone"], ["read:leads", "write:leads", "read:users"], [58, 6, 14], [3, 2, 5, 16, 30], 700, { featured: 4 }),
  L("Lead Router", "bluefin", "crm-leads", "Round-robin and skills-based lead assignment", ["leads", "routing"], ["Rules by line of business, language and territory", "Speed-to-lead reporting"], ["read:leads", "write:leads", "read:users"], [27, 2, 5], [0, 1, 2, 8, 9], 380),
  L("Referral Rewards", "quill", "crm-leads", "Turn happy clients into referrals with tracked rewards", ["referrals", "marketing"], ["Personal referral links", "Rewards paid when the policy binds"], ["read:leads", "write:leads"], [11, 1, 2], [0, 0, 2, 3, 2], 95),
  L("Web Lead Capture", "acme", "crm-leads", "Lead forms for agency websites that land straight in Portico", ["web forms", "leads"], ["Embeddable, accessible forms", "Spam filtering without captchas"], ["write:leads"], [19, 7, 2], [0, 0, 1, 3, 8], 20),
  // payments
  L("Crestview Premium Pay", "crestview", "payments", "Card and ACH premium payments with instalment plans", ["payments", "ach", "instalments"], ["Hosted payment pages", "Automatic retries for failed instalments"], ["read:policies", "write:policies"], [51, 4, 11], [2, 2, 4, 15, 22], 560, { featured: 5 }),
  L("Commission Reconciler", "crestview", "payments", "Matches carrier commission statements to policies", ["commissions", "reconciliation", "accounting"], ["Reads PDF and CSV statements", "Flags missing and short-paid commissions"], ["read:policies"], [24, 1, 3], [1, 1, 3, 9, 6], 300, { price: 7900 }),
  L("Refund Runner", "crestview", "payments", "Return premium refunds without the paperwork", ["refunds", "return premium"], ["Refunds to the original payment method", "Audit trail for every refund"], ["read:policies", "write:policies"], [6, 0, 1], [0, 0, 1, 2, 1], 190),
  L("Premium Finance Link", "ledgerline", "payments", "Premium finance agreements signed and funded online", ["premium finance", "e-signature"], ["Quotes from several premium finance companies", "Down payment collected at signing"], ["read:policies", "write:policies"], [10, 2, 2], [0, 0, 1, 3, 3], 85),
  // analytics & reporting
  L("Beacon Loss Ratios", "beacon", "analytics-reporting", "Loss ratio dashboards by carrier, line and producer", ["loss ratio", "dashboards"], ["Daily refresh from claims and policies", "Drill down from carrier to claim"], ["read:claims", "read:policies"], [36, 3, 7], [0, 1, 3, 11, 13], 450),
  L("Producer Scorecards", "beacon", "analytics-reporting", "Production, retention and cross-sell for every producer", ["producers", "kpi", "reporting"], ["Monthly scorecards by email", "Goals and leaderboards"], ["read:policies", "read:users"], [21, 2, 3], [0, 1, 1, 7, 7], 240, { price: 5900 }),
  L("Book of Business Insights", "kestrel", "analytics-reporting", "See where your book is concentrated and where it can grow", ["book of business", "analytics"], ["Concentration by carrier, line and geography", "Cross-sell gaps by household"], ["read:policies", "read:leads"], [13, 5, 2], [0, 0, 0, 2, 4], 25),
  L("Acme Carrier Reports", "acme", "analytics-reporting", "Carrier production reports in every carrier's format", ["carrier reports", "exports"], ["Scheduled exports per carrier", "Excel and CSV templates"], ["read:policies"], [7, 0, 1], [1, 1, 1, 1, 1], 350),
  // communications
  L("Quill Renewal Reminders", "quill", "communications", "Renewal, payment and ID card reminders by email and SMS", ["sms", "email", "reminders"], ["Templates in English and Spanish", "Quiet hours and opt-out handling"], ["read:policies", "read:users"], [42, 10, 8], [1, 1, 4, 12, 19], 180),
  L("Señal Messaging", "quill", "communications", "Two-way texting with clients, recorded on the policy", ["texting", "sms", "español"], ["Shared team inbox", "Every conversation saved to the client's file"], ["read:policies", "read:users", "write:users"], [18, 6, 2], [0, 0, 1, 4, 7], 40),
  L("E-Sign Express", "meridian", "communications", "Applications and forms signed on any device", ["e-signature", "forms"], ["Signer authentication by SMS code", "Signed PDFs filed automatically"], ["read:policies", "write:policies"], [33, 2, 6], [1, 1, 3, 10, 12], 410),
  L("Claims Status Texts", "harbor", "communications", "Tell claimants where their claim stands, automatically", ["claims", "sms", "notifications"], ["Status messages on every milestone", "Replies routed to the adjuster"], ["read:claims"], [16, 3, 3], [0, 0, 1, 5, 5], 160),
  // compliance
  L("Sentinel License Tracker", "sentinel", "compliance", "Producer licences and appointments, never expired", ["licensing", "appointments", "nipr"], ["Daily licence status checks", "Renewal reminders 60 days ahead"], ["read:users"], [29, 2, 5], [0, 1, 2, 9, 10], 480),
  L("Audit Trail Vault", "sentinel", "compliance", "Tamper-evident records of every policy change", ["audit", "e&o"], ["Hash-chained change log", "Exports for E&O carriers and regulators"], ["read:policies", "read:claims"], [12, 1, 2], [0, 0, 1, 3, 4], 270, { price: 9900 }),
  L("KYC Check", "kestrel", "compliance", "Identity and sanctions screening at quote time", ["kyc", "sanctions", "ofac"], ["OFAC and PEP screening", "Document verification"], ["read:leads", "write:leads"], [15, 4, 2], [0, 0, 1, 2, 5], 55),
  // data enrichment
  L("Kestrel Property Data", "kestrel", "data-enrichment", "Roof age, construction and hazards for any address", ["property", "roof", "hazards"], ["Aerial imagery roof scores", "Wildfire, hail and flood hazard layers"], ["read:leads", "write:leads", "read:policies"], [46, 11, 9], [1, 1, 3, 13, 21], 230),
  L("Vehicle History Plus", "kestrel", "data-enrichment", "VIN decoding, prior damage and mileage checks", ["vin", "vehicle", "auto"], ["Prior damage and salvage titles", "Ownership and mileage history"], ["read:leads", "write:leads"], [25, 2, 4], [0, 1, 2, 8, 8], 340),
  L("Business Firmographics", "beacon", "data-enrichment", "Revenue, payroll and class codes for commercial prospects", ["commercial", "firmographics", "naics"], ["NAICS to class code mapping", "Payroll and revenue estimates"], ["read:leads", "write:leads"], [10, 1, 1], [0, 0, 1, 3, 2], 140, { price: 14900 }),
  L("Address Validator", "ledgerline", "data-enrichment", "Clean, standardised addresses on every record", ["address", "validation"], ["USPS standardisation", "Geocodes for rating"], ["read:leads", "write:leads", "read:policies", "write:policies"], [30, 3, 4], [0, 0, 2, 6, 12], 620),
  // document management
  L("Meridian Document Vault", "meridian", "document-management", "Every policy document filed, searchable and shareable", ["documents", "storage", "ocr"], ["OCR on scans and carrier PDFs", "Client sharing links that expire"], ["read:policies", "write:policies", "read:claims"], [40, 3, 8], [1, 1, 4, 12, 14], 500),
  L("Declarations Reader", "meridian", "document-management", "Reads dec pages into structured policy data", ["ocr", "dec page", "extraction"], ["Carrier-agnostic extraction", "Human review for low-confidence fields"], ["read:policies", "write:policies"], [20, 8, 3], [0, 0, 1, 4, 9], 35, { price: 8900 }),
  L("Template Studio", "acme", "document-management", "Proposals and letters from your own templates", ["templates", "proposals"], ["Merge fields from policies and clients", "Branded PDF output"], ["read:policies", "read:leads"], [5, 1, 1], [0, 0, 0, 0, 0], 15),
];

const agencyNames = [
  "Sunrise", "Bayside", "Cedar Ridge", "Lakeshore", "Pinecrest", "Red Rock", "Harborview", "Oak Valley", "Silverline", "Maple Street",
  "Granite State", "Coastal", "Prairie", "Summit", "Riverbend", "Highland", "Bluebonnet", "Evergreen", "Golden Gate", "Keystone",
  "Magnolia", "Northstar", "Old Town", "Palmetto", "Queen City", "Rockport", "Sandhill", "Tidewater", "Union Square", "Vista",
  "Westfield", "Yellowstone", "Zenith", "Aspen", "Birchwood", "Canyon", "Driftwood", "Elmwood", "Foxhill", "Greenway",
  "Hillcrest", "Ironwood", "Juniper", "Kingsbridge", "Lighthouse", "Meadowbrook", "Newport", "Orchard", "Parkside", "Quarry",
  "Ridgeline", "Seaside", "Timberline", "Upland", "Valley Forge", "Willow Creek", "Brookside", "Crossroads", "Fairview", "Glenwood",
];

const reviewLines: Record<number, [string, string][]> = {
  5: [["Does exactly what it says", "Set up in an afternoon and our CSRs stopped retyping data the same week."], ["Our team loves it", "Support answered within the hour every time we asked."]],
  4: [["Solid, a few rough edges", "Works well day to day; the settings page could be clearer."], ["Good value", "Saves us hours a week. Reporting could go deeper."]],
  3: [["Does the job", "Fine for the basics, but we had to work around a couple of gaps."]],
  2: [["Not quite there", "Sync was slow for our larger accounts."]],
  1: [["Did not work for us", "We could not get the mapping right and uninstalled it."]],
};

function description(l: DemoListing, partnerName: string): string {
  return [
    `${l.tagline}. Built by ${partnerName} for independent agencies on Portico.`,
    "## What it does",
    l.features.map((f) => `- ${f}`).join("\n"),
    "## Getting started",
    "1. Install it from the marketplace and approve the requested access.\n2. Map your fields on the integration's settings page.\n3. Watch the first records arrive within minutes.",
    `Questions? See the [documentation](https://docs.example.com/${l.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}) or write to support.`,
  ].join("\n\n");
}

const slugOf = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const DAY = 86_400_000;

export async function seedMarketplace(
  db: Db,
  ids: { passwordHash: string; adminId: string; acme: string; acmeUser: string; northwind: string; northwindUser: string; sunrise: string; customer: string },
) {
  // Done once: the Acme listing is written last.
  const [done] = await db.select({ id: listings.id }).from(listings).where(eq(listings.slug, "acme-claims-sync"));
  if (done) return;

  const partnerIds: Record<string, { id: string; user: string; name: string; host: string }> = {
    acme: { id: ids.acme, user: ids.acmeUser, name: "Acme Insurtech", host: "acme-insurtech.example" },
    northwind: { id: ids.northwind, user: ids.northwindUser, name: "Northwind Rating", host: "northwind.example" },
  };
  for (const s of sellers) {
    await db
      .insert(partners)
      .values({ name: s.name, slug: s.slug, type: s.type, status: "active", tier: "standard", website: `https://${s.host}`, country: "US", statusChangedAt: new Date(), statusChangedBy: ids.adminId })
      .onConflictDoNothing();
    const [p] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, s.slug));
    await db.insert(users).values({ email: `team@${s.host}`, name: `${s.name} team`, passwordHash: ids.passwordHash }).onConflictDoNothing();
    const [u] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, `team@${s.host}`));
    await db.insert(partnerMembers).values({ partnerId: p.id, userId: u.id, role: "owner" }).onConflictDoNothing();
    partnerIds[s.slug] = { id: p.id, user: u.id, name: s.name, host: s.host };
  }

  // Sixty agencies, each with one member who installs and reviews (Sunrise is the demo customer's own and stays out).
  const agencies: { account: string; user: string }[] = [];
  for (const [i, name] of agencyNames.entries()) {
    if (name === "Sunrise") continue;
    const slug = `${slugOf(name)}-agency`;
    await db.insert(accounts).values({ name: `${name} Insurance Agency`, slug }).onConflictDoNothing();
    const [a] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, slug));
    const email = `agent${i}@${slug}.example`;
    await db.insert(users).values({ email, name: `${name} agent`, passwordHash: ids.passwordHash }).onConflictDoNothing();
    const [u] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
    await db.insert(accountMembers).values({ accountId: a.id, userId: u.id, role: "owner" }).onConflictDoNothing();
    agencies.push({ account: a.id, user: u.id });
  }

  const now = Date.now();
  for (const [index, l] of demoListings.entries()) {
    const seller = partnerIds[l.seller];
    const slug = slugOf(l.name);
    await ensureApp(db, {
      slug,
      partnerId: seller.id,
      createdBy: seller.user,
      name: l.name,
      description: `${l.tagline}.`,
      category: l.category,
      status: "published",
      scopes: l.scopes,
      host: `${slug}.${seller.host}`,
      quiet: true,
    });
    const [app] = await db.select({ id: applications.id }).from(applications).where(eq(applications.slug, slug));
    const publishedAt = new Date(now - l.ageDays * DAY);
    await db.update(applications).set({ publishedAt, createdAt: publishedAt }).where(eq(applications.id, app.id));
    await writeListing(db, { l, slug, appId: app.id, partner: seller, publishedAt, agencies, offset: index * 7 });
  }

  // One app on its way out: its page stays, with the notice; it leaves search.
  const [retiring] = await db.select({ id: applications.id }).from(applications).where(eq(applications.slug, "cancellation-guard"));
  await db
    .update(applications)
    .set({ status: "deprecated", deprecatedAt: new Date(now - 3 * DAY), sunsetAt: new Date(now + 60 * DAY), deprecationMessage: "Cancellation Guard is becoming part of Sentinel License Tracker. Move your notices there before the sunset date." })
    .where(eq(applications.id, retiring.id));

  // Northwind's app in review gets its listing now; it goes public when the app is published.
  const [rater] = await db.select({ id: applications.id, publishedAt: applications.publishedAt }).from(applications).where(eq(applications.slug, "northwind-rater"));
  if (rater) {
    const l = L("Northwind Rater", "northwind", "quoting-rating", "Comparative auto and home rating with bindable quotes", ["comparative rating", "auto", "home"], ["One questionnaire for every appointed carrier", "Quotes pushed back into Portico as leads"], [], [0, 0, 0], [0, 0, 0, 0, 0], 0);
    await writeListing(db, { l, slug: "northwind-rater", appId: rater.id, partner: partnerIds.northwind, publishedAt: new Date(now), agencies, offset: 0 });
  }

  await seedSunriseInstalls(db, ids.sunrise, ids.customer);

  const [claimsSync] = await db.select({ id: applications.id, publishedAt: applications.publishedAt }).from(applications).where(eq(applications.slug, "acme-claims-sync"));
  if (claimsSync) {
    const l = L(
      "Acme Claims Sync",
      "acme",
      "claims",
      "Claims in step between Portico and your claims system",
      ["claims", "sync", "fnol"],
      ["New first notices of loss, status changes and payments flow both ways within a minute", "A full audit trail for every change", "Works with the major claims systems"],
      [],
      [34, 5, 7],
      [1, 0, 2, 9, 14],
      90,
    );
    const publishedAt = new Date(now - 90 * DAY);
    await db.update(applications).set({ publishedAt }).where(eq(applications.id, claimsSync.id));
    await writeListing(db, { l, slug: "acme-claims-sync", appId: claimsSync.id, partner: partnerIds.acme, publishedAt, agencies, offset: 3, screenshots: true });
  }
}

const DEMO_CONFIG_SCHEMA = {
  type: "object",
  properties: {
    apiBaseUrl: { type: "string", format: "uri", title: "CRM API base URL", description: "Where the app sends leads and contacts." },
    apiKey: { type: "string", format: "password", title: "CRM API key", description: "Stored encrypted; never shown again." },
    syncClosedLeads: { type: "boolean", title: "Sync closed leads", default: false },
    region: { type: "string", title: "Data region", enum: ["us", "eu"], default: "us" },
  },
  required: ["apiBaseUrl"],
};

/**
 * The demo customer's installs: Bluefin CRM Sync, healthy for a month, and Subrogation Tracker,
 * degraded by four failed checks in a row. Their history is written here, not checked live (see
 * healthCheckNextAt above); "Run check now" on their pages makes a real check.
 */
async function seedSunriseInstalls(db: Db, sunriseId: string, userId: string) {
  const now = Date.now();
  const picks = [
    { slug: "bluefin-crm-sync", status: "active" as const, failures: 0 },
    { slug: "subrogation-tracker", status: "degraded" as const, failures: 4 },
  ];
  for (const pick of picks) {
    const [l] = await db
      .select({ id: listings.id, applicationId: listings.applicationId, partnerId: listings.partnerId, versionId: applications.liveVersionId })
      .from(listings)
      .innerJoin(applications, eq(applications.id, listings.applicationId))
      .where(eq(listings.slug, pick.slug));
    if (!l) continue;
    if (pick.slug === "bluefin-crm-sync" && l.versionId) {
      await db
        .update(applicationVersions)
        .set({ configSchema: DEMO_CONFIG_SCHEMA, mappableFields: ["contact.email", "contact.fullName", "contact.phone", "lead.source", "lead.estimatedPremium"] })
        .where(eq(applicationVersions.id, l.versionId));
    }
    const installedAt = new Date(now - 32 * DAY);
    const lastCheck = new Date(now - 2 * 60_000);
    const [row] = await db
      .insert(integrations)
      .values({
        accountId: sunriseId,
        applicationId: l.applicationId,
        listingId: l.id,
        partnerId: l.partnerId,
        installedBy: userId,
        status: pick.status,
        config: pick.slug === "bluefin-crm-sync" ? { apiBaseUrl: "https://api.bluefincrm.example/v2", syncClosedLeads: false, region: "us" } : {},
        createdAt: installedAt,
        connectedAt: installedAt,
        lastHealthCheckAt: lastCheck,
        lastHealthStatus: pick.failures ? "HTTP 503" : "HTTP 200",
        consecutiveFailures: pick.failures,
      })
      .onConflictDoNothing()
      .returning({ id: integrations.id });
    if (!row) continue;
    await db.update(listings).set({ installCount: sql`${listings.installCount} + 1` }).where(eq(listings.id, l.id));
    // Every 2 hours for 30 days; the degraded one had a bad afternoon a week ago and fails now.
    const checks = Array.from({ length: 360 }, (_, k) => {
      const checkedAt = new Date(lastCheck.getTime() - k * 2 * 3600_000);
      const failing = pick.failures > 0 && (k < pick.failures || (k >= 84 && k < 87));
      return {
        integrationId: row.id,
        checkedAt,
        healthy: !failing,
        httpStatus: failing ? 503 : 200,
        latencyMs: failing ? 10_000 - ((k * 131) % 2000) : 80 + ((k * 37) % 140),
        error: failing ? "HTTP 503 Service Unavailable" : null,
        status: failing ? (k < pick.failures && k < pick.failures - 2 ? "degraded" : "active") : "active",
      };
    });
    await db.insert(integrationHealthChecks).values(checks);
  }
}

async function writeListing(
  db: Db,
  o: {
    l: DemoListing;
    slug: string;
    appId: string;
    partner: { id: string; name: string; host: string };
    publishedAt: Date;
    agencies: { account: string; user: string }[];
    offset: number;
    screenshots?: boolean;
  },
) {
  const { l } = o;
  const [total, last7, prior28] = l.installs;
  const now = Date.now();
  const stars = l.stars.flatMap((n, i) => Array.from({ length: n }, () => i + 1));
  const installers = Array.from({ length: total }, (_, k) => o.agencies[(o.offset + k) % o.agencies.length]);
  const [listing] = await db
    .insert(listings)
    .values({
      partnerId: o.partner.id,
      applicationId: o.appId,
      slug: o.slug,
      name: l.name,
      partnerName: o.partner.name,
      tagline: l.tagline,
      description: description(l, o.partner.name),
      category: l.category,
      tags: l.tags,
      logoUrl: null,
      screenshots: o.screenshots
        ? ["dashboard", "field-mapping", "audit-trail"].map((shot) => `https://${o.slug}.${o.partner.host}/screenshots/${shot}.png`)
        : [],
      pricingModel: l.price ? "paid" : "free",
      monthlyPriceCents: l.price ?? null,
      featured: l.featured !== undefined,
      featuredPosition: l.featured ?? null,
      installCount: total,
      ratingCount: stars.length,
      ratingSum: stars.reduce((a, b) => a + b, 0),
      createdAt: o.publishedAt,
      updatedAt: new Date(Math.min(now, o.publishedAt.getTime() + 20 * DAY)),
    })
    .onConflictDoNothing()
    .returning({ id: listings.id });
  if (!listing) return;
  await rememberTerms(db, l.name, l.tags);
  if (total === 0) return;

  // Installs: the last week's, the four weeks before, then older ones back to publication.
  const age = (k: number) => {
    if (k < last7) return ((k + 1) / (last7 + 1)) * 6.5 * DAY;
    if (k < last7 + prior28) return 7.5 * DAY + ((k - last7) / prior28) * 27 * DAY;
    const span = Math.max(now - o.publishedAt.getTime() - 36 * DAY, DAY);
    return 36 * DAY + ((k - last7 - prior28 + 1) / (total - last7 - prior28 + 1)) * span;
  };
  await db.insert(integrations).values(
    installers.map((a, k) => ({
      accountId: a.account,
      applicationId: o.appId,
      listingId: listing.id,
      partnerId: o.partner.id,
      installedBy: a.user,
      status: "active" as const,
      createdAt: new Date(Math.max(now - age(k), o.publishedAt.getTime())),
      connectedAt: new Date(Math.max(now - age(k), o.publishedAt.getTime())),
      // Not scheduled for health checks: the demo partners' hosts (under .example) never resolve,
      // so checking these ~1,500 installs would fail them all within half an hour and fill every
      // demo inbox with failure notices. Installs made in the running app are scheduled as usual.
      healthCheckNextAt: null,
    })),
  );
  // Reviews by the longest-standing installers.
  if (stars.length === 0) return;
  const reviewers = installers.slice(-stars.length).reverse();
  await db.insert(reviews).values(
    stars.map((rating, k) => {
      const [title, body] = reviewLines[rating][k % reviewLines[rating].length];
      return { listingId: listing.id, accountId: reviewers[k].account, userId: reviewers[k].user, rating, title, body, createdAt: new Date(now - (k + 2) * 3 * DAY) };
    }),
  );
}

