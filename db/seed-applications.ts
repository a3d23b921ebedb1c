import { eq } from "drizzle-orm";
import { runStaticCheckSet } from "@/lib/applications/check-runs";
import { loadApp } from "@/lib/applications/application-queries";
import { notify } from "@/lib/notifications/notify";
import type { Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { seal } from "@/lib/crypto/secret-box";
import { generateClientId, generateClientSecret, hashSecret } from "@/lib/oauth/token-format";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import type { Db } from "./index";
import { applications, applicationVersions, oauthClients } from "./schema";

// Demo apps in each state a newcomer should see: Acme's published "Acme Claims Sync" (live
// version, OAuth client, signing secret) and a draft; Northwind's app waiting in the review queue.
// The client secret is never shown: the partner rotates it on the OAuth clients page to get one.

type DemoApp = {
  slug: string;
  partnerId: string;
  createdBy: string;
  name: string;
  description: string;
  category: string;
  status: "draft" | "submitted" | "published";
  scopes: string[];
  justifications?: Record<string, string>;
  host: string;
  /** No approval notification in the partner's inbox (the marketplace's many demo apps). */
  quiet?: boolean;
};

const published = (a: DemoApp) => a.status === "published";

export async function ensureApp(db: Db, a: DemoApp) {
  const [found] = await db.select({ id: applications.id }).from(applications).where(eq(applications.slug, a.slug));
  if (found) return;
  const now = new Date();
  const submitted = a.status !== "draft" ? new Date(now.getTime() - 26 * 3600_000) : null;
  const id = await db.transaction(async (tx) => {
    const [app] = await tx
      .insert(applications)
      .values({
        partnerId: a.partnerId,
        name: a.name,
        slug: a.slug,
        description: a.description,
        category: a.category,
        status: a.status,
        websiteUrl: `https://${a.host}`,
        logoUrl: `https://${a.host}/logo.png`,
        privacyPolicyUrl: `https://${a.host}/privacy`,
        supportEmail: `support@${a.host}`,
        submittedAt: submitted,
        publishedAt: published(a) ? now : null,
        signingSecretCiphertext: published(a) ? seal(generateWebhookSecret()) : null,
      })
      .onConflictDoNothing()
      .returning({ id: applications.id });
    if (!app) return null;
    const [version] = await tx
      .insert(applicationVersions)
      .values({
        applicationId: app.id,
        version: "1.0.0",
        changelog: "First release.",
        status: a.status,
        requestedScopes: a.scopes,
        scopeJustifications: a.justifications ?? {},
        redirectUris: [`https://${a.host}/oauth/callback`],
        webhookUrl: `https://${a.host}/webhooks/portico`,
        healthCheckUrl: `https://${a.host}/health`,
        mappableFields: ["claim.number", "claim.status", "policy.number"],
        submittedAt: submitted,
        publishedAt: published(a) ? now : null,
        createdBy: a.createdBy,
      })
      .returning({ id: applicationVersions.id });
    await tx
      .update(applications)
      .set({ currentVersionId: version.id, liveVersionId: published(a) ? version.id : null })
      .where(eq(applications.id, app.id));
    if (published(a) && !a.quiet) {
      // What the partner was told when its demo app was approved: the bell is not empty on day one.
      await notify(tx, {
        to: { partner: a.partnerId },
        partnerId: a.partnerId,
        kind: "application.approved",
        title: `${a.name} 1.0.0 is approved`,
        body: "Reviewer's notes: clear scopes and a complete privacy policy.\n\nPublish it when you are ready.",
      });
    }
    if (published(a)) {
      const secret = generateClientSecret();
      await tx.insert(oauthClients).values({
        partnerId: a.partnerId,
        applicationId: app.id,
        name: a.name,
        clientId: generateClientId(),
        secretHash: hashSecret(secret),
        secretLast4: secret.slice(-4),
        type: "confidential",
        redirectUris: [`https://${a.host}/oauth/callback`],
        grantTypes: ["authorization_code", "refresh_token"],
        scopes: a.scopes,
        createdBy: a.createdBy,
      });
    }
    return app.id;
  });
  // The reviewer sees real check results. Only where URLs are not resolved (dev): the demo hosts
  // do not exist, and a seed must not wait on DNS.
  if (id && a.status !== "draft" && config().WEBHOOK_ALLOW_PRIVATE_URLS) {
    const admin: Principal = { type: "session", userId: null, partnerId: null, partnerRole: null, accountId: null, isPlatformAdmin: true, scopes: ["admin"], credentialId: null };
    await runStaticCheckSet(db, await loadApp(db, admin, id));
  }
}

export async function seedApplications(db: Db, ids: { acme: string; acmeUser: string; northwind: string; northwindUser: string }) {
  const justification = "Reads and updates claims in the agency's claims system as they change.";
  await ensureApp(db, {
    slug: "acme-claims-sync",
    partnerId: ids.acme,
    createdBy: ids.acmeUser,
    name: "Acme Claims Sync",
    description:
      "Keeps claims in step between Portico and your claims system: new first notices of loss, status changes and payments flow both ways within a minute, with a full audit trail for every change.",
    category: "claims",
    status: "published",
    scopes: ["read:claims", "write:claims", "read:policies"],
    justifications: { "write:claims": justification },
    host: "claims-sync.acme-insurtech.example",
  });
  await ensureApp(db, {
    slug: "acme-quote-widget",
    partnerId: ids.acme,
    createdBy: ids.acmeUser,
    name: "Acme Quote Widget",
    description: "An embeddable quote form for agency websites.",
    category: "quoting-rating",
    status: "draft",
    scopes: ["read:leads", "write:leads"],
    host: "quote.acme-insurtech.example",
  });
  await ensureApp(db, {
    slug: "northwind-rater",
    partnerId: ids.northwind,
    createdBy: ids.northwindUser,
    name: "Northwind Rater",
    description:
      "Comparative rating for personal auto and home: one questionnaire, bindable quotes from every carrier the agency is appointed with, pushed back into Portico as leads with their premiums.",
    category: "quoting-rating",
    status: "submitted",
    scopes: ["read:leads", "write:leads", "read:policies"],
    justifications: { "write:leads": "Creates a lead for each comparative quote the agent runs." },
    host: "rater.northwind.example",
  });
}
