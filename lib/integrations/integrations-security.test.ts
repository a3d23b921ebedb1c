import { eq } from "drizzle-orm";
import * as listRoute from "@/app/api/v1/integrations/route";
import * as itemRoute from "@/app/api/v1/integrations/[id]/route";
import * as mappingsRoute from "@/app/api/v1/integrations/[id]/mappings/route";
import * as previewRoute from "@/app/api/v1/integrations/[id]/mappings/preview/route";
import * as metricsRoute from "@/app/api/v1/integrations/[id]/metrics/route";
import * as errorsRoute from "@/app/api/v1/integrations/[id]/errors/route";
import type { Db } from "@/db";
import { integrationMappings, integrations } from "@/db/schema";
import { installIntegration, type InstalledIntegration } from "@/lib/testing/integration-fixtures";
import { describeSecurity, type Denial, type SecurityContext } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();

type Ctx = SecurityContext & { i: InstalledIntegration };

async function setup(d: Db): Promise<Ctx> {
  const i = await installIntegration(d);
  return { i, tenant: { kind: "account", id: i.account.id, name: i.account.name, slug: i.account.slug } };
}

const path = (suffix = "") => (c: Ctx) => `/api/v1/integrations/${c.i.integration.id}${suffix}`;
const params = (c: Ctx) => ({ id: c.i.integration.id });
const ownedId = (c: Ctx) => c.i.integration.id;

// Reads: any member of the account and platform admins; a stranger gets 404, a user with no
// account or partner has no read:marketplace scope at all (403).
const readDenials: Denial[] = [
  { actor: "customer", status: 404, code: "NOT_FOUND" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
];
const readers = ["tenant:owner", "tenant:member", "admin"] as const;

for (const [name, handler, suffix] of [
  ["GET /integrations/{id}", itemRoute.GET, ""],
  ["GET /integrations/{id}/mappings", mappingsRoute.GET, "/mappings"],
  ["GET /integrations/{id}/metrics", metricsRoute.GET, "/metrics"],
  ["GET /integrations/{id}/errors", errorsRoute.GET, "/errors"],
] as const) {
  describeSecurity<Ctx>(db, {
    name,
    handler,
    method: "GET",
    setup,
    path: path(suffix),
    params,
    ownedId,
    okStatus: 200,
    allowed: [...readers],
    requiredScope: "read:marketplace",
    denied: readDenials,
  });
}

describeSecurity<Ctx>(db, {
  name: "POST /integrations/{id}/mappings/preview",
  handler: previewRoute.POST,
  method: "POST",
  setup,
  path: path("/mappings/preview"),
  params,
  ownedId,
  body: () => ({ event: { type: "lead.created" } }),
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:marketplace",
  denied: readDenials,
});

describeSecurity<Ctx>(db, {
  name: "GET /integrations",
  handler: listRoute.GET,
  method: "GET",
  setup,
  path: () => "/api/v1/integrations",
  okStatus: 200,
  allowed: ["tenant:owner", "tenant:member", "admin"],
  requiredScope: "read:marketplace",
  denied: [{ actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" }],
  crossTenant: ["other-tenant", "customer"],
});

// Writes: an owner or admin of the account; a member (who can read it) 403, a stranger 404.
const writeDenials: Denial[] = [
  { actor: "tenant:member", status: 403, code: "FORBIDDEN" },
  { actor: "customer", status: 404, code: "NOT_FOUND" },
  { actor: "admin", status: 403, code: "FORBIDDEN" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
];

describeSecurity<Ctx>(db, {
  name: "PATCH /integrations/{id}",
  handler: itemRoute.PATCH,
  method: "PATCH",
  setup,
  path: path(),
  params,
  ownedId,
  body: () => ({ config: { apiBaseUrl: "https://crm.agency.example", apiKey: "sk_live_secret_value" } }),
  okStatus: 200,
  allowed: ["tenant:owner", "tenant:admin"],
  requiredScope: "write:marketplace",
  denied: writeDenials,
  state: async (d, c) => (await d.select().from(integrations).where(eq(integrations.id, c.i.integration.id)))[0],
  secrets: () => ["sk_live_secret_value"],
});

describeSecurity<Ctx>(db, {
  name: "PUT /integrations/{id}/mappings",
  handler: mappingsRoute.PUT,
  method: "PUT",
  setup,
  path: path("/mappings"),
  params,
  ownedId,
  body: () => ({ mappings: [{ sourceField: "lead.contact.email", targetField: "crm.email" }] }),
  okStatus: 200,
  allowed: ["tenant:owner", "tenant:admin"],
  requiredScope: "write:marketplace",
  denied: writeDenials,
  state: async (d, c) => d.select().from(integrationMappings).where(eq(integrationMappings.integrationId, c.i.integration.id)),
});
