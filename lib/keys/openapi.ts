import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { UsageQuery, UsageSeries } from "@/lib/usage/schemas";
import { ApiKey, CreateApiKey, CreatedApiKey, ListApiKeysQuery, RotateApiKey, VerifyApiKey, VerifyResult } from "./schemas";

const tags = ["API keys"];
const id = z.object({ id: z.uuid() });

export const keyPaths: ZodOpenApiPathsObject = {
  "/keys": {
    get: op({ summary: "List API keys", tags, scopes: ["read:keys"], query: ListApiKeysQuery, response: PageOf(ApiKey, "ApiKeyPage") }),
    post: op({
      summary: "Create an API key",
      tags,
      scopes: ["write:keys"],
      body: CreateApiKey,
      response: CreatedApiKey,
      status: 201,
      errors: [409],
      description: "The response carries the key once; only its SHA-256 is stored. Scopes cannot exceed the caller's; `ratelimitPerMinute` may only lower the tier's limit. 409 `PARTNER_NOT_ACTIVE` until the partner is approved.",
    }),
  },
  "/keys/{id}": { get: op({ summary: "Get an API key", tags, scopes: ["read:keys"], path: id, response: ApiKey }) },
  "/keys/{id}/rotate": {
    post: op({
      summary: "Rotate an API key",
      tags,
      scopes: ["write:keys"],
      path: id,
      body: RotateApiKey,
      response: CreatedApiKey,
      status: 201,
      errors: [409],
      description: "Issues a new key with the same name, scopes and limit. The old key is `expiring` and keeps working until `gracePeriodSeconds` (default 24 h) have passed. The caller must hold every scope of the key (403 `INSUFFICIENT_SCOPE` otherwise), as for creation.",
    }),
  },
  "/keys/{id}/revoke": {
    post: op({ summary: "Revoke an API key", tags, scopes: ["write:keys"], path: id, response: ApiKey, errors: [409], idempotent: true, description: "Immediate on the instance that handles it; everywhere within 5 seconds." }),
  },
  "/keys/{id}/usage": {
    get: op({ summary: "Daily usage of one key", tags, scopes: ["read:keys"], path: id, query: UsageQuery, response: UsageSeries }),
  },
  "/keys/verify": {
    post: op({
      summary: "Verify an API key",
      tags,
      scopes: ["read:keys"],
      body: VerifyApiKey,
      response: VerifyResult,
      description: "For the platform's services (admin credentials) or a partner checking its own keys. Spends one request of the key's rate limit. `code`: NOT_FOUND, REVOKED, EXPIRED, RATE_LIMITED, PARTNER_SUSPENDED.",
    }),
  },
};
