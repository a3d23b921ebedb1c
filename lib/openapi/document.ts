import { createDocument } from "zod-openapi";
import { applicationPaths } from "@/lib/applications/openapi";
import { Caller } from "@/lib/auth/describe-caller";
import { eventPaths } from "@/lib/events/openapi";
import { keyPaths } from "@/lib/keys/openapi";
import { integrationHealthPaths } from "@/lib/integrations/health-openapi";
import { integrationPaths } from "@/lib/integrations/openapi";
import { marketplacePaths } from "@/lib/marketplace/openapi";
import { reviewPaths } from "@/lib/marketplace/reviews-openapi";
import { notificationPaths } from "@/lib/notifications/openapi";
import { mailPaths } from "@/lib/mail/openapi";
import { supportPaths } from "@/lib/support/openapi";
import { authorizationPaths, oauthClientPaths } from "@/lib/oauth/openapi";
import { partnerPaths } from "@/lib/partners/openapi";
import { forecastPaths } from "@/lib/billing/forecast-openapi";
import { invoicesPaths } from "@/lib/billing/invoices-openapi";
import { payoutsPaths } from "@/lib/billing/payouts-openapi";
import { pricingPaths } from "@/lib/billing/pricing-openapi";
import { runsPaths } from "@/lib/billing/runs-openapi";
import { usagePaths } from "@/lib/usage/openapi";
import { webhookPaths } from "@/lib/webhooks/openapi";
import { op } from "./operation";

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas that validate requests. */
export function openApiDocument(serverUrl: string) {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Portico API",
      version: "1.0.0",
      description:
        "The partner platform API. Authenticate with `Authorization: Bearer <API key or OAuth access token>`, or the portal session cookie. Lists are cursor-paginated (`limit`, `cursor` → `{ data, nextCursor }`); POSTs honour `Idempotency-Key`; errors are RFC 9457 problem+json.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key (`prt_live_…`) or an OAuth 2.0 access token" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths: {
      "/me": { get: op({ summary: "Who is calling", tags: ["Caller"], response: Caller }) },
      ...notificationPaths,
      ...partnerPaths,
      ...keyPaths,
      ...applicationPaths,
      ...oauthClientPaths,
      ...authorizationPaths,
      ...usagePaths,
      ...pricingPaths,
      ...invoicesPaths,
      ...runsPaths,
      ...payoutsPaths,
      ...forecastPaths,
      ...eventPaths,
      ...webhookPaths,
      ...marketplacePaths,
      ...reviewPaths,
      ...integrationPaths,
      ...integrationHealthPaths,
      ...supportPaths,
      ...mailPaths,
    },
  });
  return { ...cached, servers: [{ url: `${serverUrl}/api/v1` }] };
}
