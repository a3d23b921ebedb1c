import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { PageQuery } from "@/lib/pagination/cursor";
import {
  Application,
  ApplicationVersion,
  ApproveApplication,
  CreateApplication,
  DeprecateApplication,
  ListApplicationsQuery,
  PublishedApplication,
  RejectApplication,
  ReviewQueueItem,
  ReviewQueueQuery,
  SecurityCheckList,
  SigningSecret,
  TimelineEntry,
  UpdateApplication,
} from "./schemas";
import { checkDescriptions, probeCheckIds, staticCheckIds } from "./security-checks";

const tags = ["Applications"];
const id = z.object({ id: z.uuid() });
const read = ["read:applications"];
const write = ["write:applications"];

const checkList = [...staticCheckIds, ...probeCheckIds].map((c) => `- \`${c}\`: ${checkDescriptions[c]}`).join("\n");

const step = (summary: string, description: string, body?: z.ZodType, response: z.ZodType = Application) =>
  op({ summary, tags, scopes: write, path: id, ...(body ? { body } : {}), response, errors: [409, 422], idempotent: true, description });

export const applicationPaths: ZodOpenApiPathsObject = {
  "/applications": {
    get: op({
      summary: "List applications",
      tags,
      scopes: read,
      query: ListApplicationsQuery,
      response: PageOf(Application, "ApplicationPage"),
      description: "A partner's own applications; platform admins see every partner's.",
    }),
    post: op({
      summary: "Create an application",
      tags,
      scopes: write,
      body: CreateApplication,
      response: Application,
      status: 201,
      errors: [409],
      description: "Starts as a `draft` with version 1.0.0 (or `version`). Drafts may hold what review refuses; the security checks at submit say what to fix.",
    }),
  },
  "/applications/review-queue": {
    get: op({
      summary: "Applications waiting for review",
      tags,
      admin: true,
      query: ReviewQueueQuery,
      response: PageOf(ReviewQueueItem, "ReviewQueuePage"),
      description: "Versions `submitted` or `in_review`, oldest submission first, new apps and updates of published ones alike.",
    }),
  },
  "/applications/{id}": {
    get: op({ summary: "Get an application", tags, scopes: read, path: id, response: Application }),
    patch: op({
      summary: "Update an application",
      tags,
      scopes: write,
      path: id,
      body: UpdateApplication,
      response: Application,
      errors: [409],
      description:
        "Cosmetic fields (name, description, category, website, logo, privacy policy, support email) apply at once. Before the first publish the rest edits the one version; editing a `rejected` app returns it to `draft`; a `submitted`, `in_review` or `approved` app cannot be edited (409 INVALID_TRANSITION). Once published, a change to `requestedScopes`, `redirectUris`, `webhookUrl`, `healthCheckUrl`, `configSchema`, `mappableFields` opens a new version (`version` higher than the live one and `changelog` required) that walks review while the live version stays live.",
    }),
    delete: op({ summary: "Delete an application", tags, scopes: write, path: id, status: 204, errors: [409], description: "Only an application that was never published (409 INVALID_TRANSITION otherwise: deprecate it)." }),
  },
  "/applications/{id}/versions": {
    get: op({ summary: "List an application's versions", tags, scopes: read, path: id, query: PageQuery, response: PageOf(ApplicationVersion, "ApplicationVersionPage") }),
  },
  "/applications/{id}/timeline": {
    get: op({ summary: "An application's history", tags, scopes: read, path: id, query: PageQuery, response: PageOf(TimelineEntry, "ApplicationTimelinePage"), description: "Every transition with who took it, newest first." }),
  },
  "/applications/{id}/submit": {
    post: step(
      "Submit for review",
      `Runs the security checks on the current version. A \`failed\` check keeps it \`draft\`: 422 \`SECURITY_CHECKS_FAILED\` with one \`errors[]\` entry per failed check (\`path\` = the field). Warnings never block. The live endpoint probes run after the answer. The owning partner only. Checks:\n\n${checkList}`,
    ),
  },
  "/applications/{id}/review": { post: step("Start reviewing", "`submitted` → `in_review`. Platform admins.") },
  "/applications/{id}/approve": { post: step("Approve", "`in_review` → `approved`; the partner is notified. Platform admins.", ApproveApplication) },
  "/applications/{id}/reject": {
    post: step("Reject", "`submitted` or `in_review` → `rejected`, with the reason the partner is shown and notified of. Platform admins.", RejectApplication),
  },
  "/applications/{id}/publish": {
    post: step(
      "Publish",
      "`approved` → `published`, the version goes live. The first publish creates the app's OAuth client (confidential, authorization_code + refresh_token, the version's redirect URIs and scopes; `clientSecret` is in this response only) and its webhook signing secret; later ones move the client to the new version (narrowed scopes revoke its tokens). The owning partner only.",
      undefined,
      PublishedApplication,
    ),
  },
  "/applications/{id}/deprecate": {
    post: step(
      "Deprecate",
      "`published` → `deprecated`. `sunsetAt` at least 30 days ahead (platform admins: any future time); every installed account is notified. Until then responses to the app's tokens carry `Deprecation` and `Sunset` headers (RFC 9745, RFC 8594); after it the tokens get 401 `APP_SUNSET` and the client gets no new ones.",
      DeprecateApplication,
    ),
  },
  "/applications/{id}/security-checks": {
    get: op({
      summary: "Security check results",
      tags,
      scopes: read,
      path: id,
      query: z.object({ versionId: z.uuid().optional() }),
      response: SecurityCheckList,
      description: "Of the current version (or `versionId`). Probes still running are listed in `running`.",
    }),
    post: op({ summary: "Run the security checks again", tags, scopes: write, path: id, response: SecurityCheckList, description: "Does not change the status." }),
  },
  "/applications/{id}/signing-secret": {
    get: op({
      summary: "Reveal the webhook signing secret",
      tags,
      scopes: write,
      path: id,
      response: SigningSecret,
      errors: [409],
      description: "Created at the first publish; stored sealed. The owning partner only.",
    }),
  },
  "/applications/{id}/signing-secret/rotate": {
    post: op({ summary: "Rotate the webhook signing secret", tags, scopes: write, path: id, response: SigningSecret, errors: [409], description: "For 24 hours deliveries carry signatures with both secrets." }),
  },
};
