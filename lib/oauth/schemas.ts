import { z } from "zod";
import { isValidScope } from "@/lib/auth/scopes";
import { PageQuery } from "@/lib/pagination/cursor";

export const oauthClientTypes = ["confidential", "public"] as const;
export const oauthClientStatuses = ["active", "disabled"] as const;
export const oauthGrantTypes = ["authorization_code", "client_credentials", "refresh_token"] as const;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why a redirect URI is refused, or null when it is acceptable. Exact strings: no wildcards, no fragments. */
export function redirectUriProblem(value: string): string | null {
  if (value.includes("*")) return "wildcards are not allowed";
  if (value.includes("#")) return "must not contain a fragment";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not contain credentials";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return null;
  return "must use https (http only for localhost, 127.0.0.1 or [::1])";
}

const RedirectUri = z
  .string()
  .max(2000)
  .superRefine((v, ctx) => {
    const problem = redirectUriProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const Scope = z.string().refine(isValidScope, "not a known scope (read|write|manage:<area>, <verb>:*)");
const GrantType = z.enum(oauthGrantTypes);

export const OAuthClient = z
  .object({
    id: z.uuid(),
    clientId: z.string().describe("The public OAuth client_id (`prtc_…`)"),
    name: z.string(),
    type: z.enum(oauthClientTypes),
    redirectUris: z.array(z.string()),
    grantTypes: z.array(GrantType),
    scopes: z.array(z.string()),
    status: z.enum(oauthClientStatuses),
    secretLast4: z.string().nullable().describe("Last four characters of the secret; null for public clients"),
    applicationId: z.uuid().nullable().describe("The application this client belongs to (created when it was published); such a client changes only through the application"),
    activeTokens: z.number().int().min(0).describe("Access tokens of this client that are neither revoked nor expired"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "OAuthClient" });
export type OAuthClient = z.infer<typeof OAuthClient>;

export const CreatedOAuthClient = OAuthClient.extend({
  clientSecret: z.string().optional().describe("Confidential clients only. Shown this once; only its SHA-256 is stored."),
}).meta({ id: "CreatedOAuthClient" });
export type CreatedOAuthClient = z.infer<typeof CreatedOAuthClient>;

export const CreateOAuthClient = z
  .object({
    name: z.string().trim().min(1).max(100),
    type: z.enum(oauthClientTypes),
    redirectUris: z.array(RedirectUri).max(20).default([]),
    grantTypes: z.array(GrantType).min(1, "choose at least one grant type"),
    scopes: z.array(Scope).min(1, "choose at least one scope").max(60),
  })
  .strict()
  .meta({ id: "CreateOAuthClient" });
export type CreateOAuthClient = z.infer<typeof CreateOAuthClient>;

export const UpdateOAuthClient = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    redirectUris: z.array(RedirectUri).max(20).optional(),
    grantTypes: z.array(GrantType).min(1, "choose at least one grant type").optional(),
    scopes: z.array(Scope).min(1, "choose at least one scope").max(60).optional(),
    status: z.enum(oauthClientStatuses).optional().describe("`disabled` revokes every token of the client"),
  })
  .strict()
  .meta({ id: "UpdateOAuthClient" });
export type UpdateOAuthClient = z.infer<typeof UpdateOAuthClient>;

export const ListOAuthClientsQuery = PageQuery.extend({ status: z.enum(oauthClientStatuses).optional() });
export type ListOAuthClientsQuery = z.infer<typeof ListOAuthClientsQuery>;
