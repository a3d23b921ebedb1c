import { z } from "zod";
import { Instant } from "@/lib/validation/instant";
import { isValidScope } from "@/lib/auth/scopes";
import { PageQuery } from "@/lib/pagination/cursor";

export const apiKeyStatuses = ["active", "expiring", "revoked", "expired"] as const;

const Scope = z.string().refine(isValidScope, "not a known scope (read|write|manage:<area>, <verb>:*)");

export const ApiKey = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    name: z.string(),
    prefix: z.string().describe("First characters of the key, e.g. prt_live_AbCd"),
    last4: z.string(),
    scopes: z.array(z.string()),
    status: z.enum(apiKeyStatuses),
    ratelimitPerMinute: z.number().int().describe("The effective limit: the key's own, or its partner tier's"),
    customRatelimit: z.boolean().describe("True when the key has its own (lower) limit"),
    expiresAt: z.iso.datetime().nullable(),
    graceEndsAt: z.iso.datetime().nullable().describe("For a rotated key: when it stops working"),
    lastUsedAt: z.iso.datetime().nullable(),
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    rotatedFromId: z.uuid().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "ApiKey" });
export type ApiKey = z.infer<typeof ApiKey>;

export const CreatedApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    key: z.string().describe("The secret. Shown this once; store it now."),
    prefix: z.string(),
    scopes: z.array(z.string()),
    status: z.enum(apiKeyStatuses),
    ratelimitPerMinute: z.number().int(),
    expiresAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "CreatedApiKey" });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const CreateApiKey = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(Scope).min(1, "choose at least one scope").max(60),
    expiresAt: Instant()
      .refine((v) => Date.parse(v) > Date.now(), "must be in the future")
      .optional(),
    ratelimitPerMinute: z.number().int().min(1).optional().describe("May only lower the partner tier's limit"),
  })
  .strict()
  .meta({ id: "CreateApiKey" });
export type CreateApiKey = z.infer<typeof CreateApiKey>;

export const RotateApiKey = z
  .object({
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3600)
      .default(24 * 3600)
      .describe("How long the old key keeps working (default 24 h, at most 30 days)"),
  })
  .strict()
  .meta({ id: "RotateApiKey" });

export const ListApiKeysQuery = PageQuery.extend({
  status: z.enum(apiKeyStatuses).optional(),
  partnerId: z.uuid().optional().describe("Admins only: another partner's keys"),
});
export type ListApiKeysQuery = z.infer<typeof ListApiKeysQuery>;

export const VerifyApiKey = z.object({ key: z.string().min(1).max(200) }).strict().meta({ id: "VerifyApiKey" });

export const verifyCodes = ["NOT_FOUND", "REVOKED", "EXPIRED", "RATE_LIMITED", "PARTNER_SUSPENDED"] as const;
export type VerifyCode = (typeof verifyCodes)[number];

export const VerifyResult = z
  .object({
    valid: z.boolean(),
    keyId: z.uuid().optional(),
    partnerId: z.uuid().optional(),
    scopes: z.array(z.string()).optional(),
    ratelimit: z.object({ limit: z.number().int(), remaining: z.number().int(), reset: z.number().int() }).optional(),
    code: z.enum(verifyCodes).optional(),
  })
  .meta({ id: "VerifyApiKeyResult" });
export type VerifyResult = z.infer<typeof VerifyResult>;

