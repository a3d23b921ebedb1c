import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { oauthClients, oauthTokens } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { requireWithinCeiling } from "@/lib/auth/credential-ceiling";
import { missingScopes } from "@/lib/auth/scopes";
import { isUuid } from "@/lib/db/errors";
import { Conflict, Invalid, NotFound, type FieldError } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import { activePartnerFor } from "@/lib/partners/active-partner";
import {
  CreatedOAuthClient,
  OAuthClient,
  type CreateOAuthClient,
  type ListOAuthClientsQuery,
  type UpdateOAuthClient,
} from "./schemas";
import { generateClientId, generateClientSecret, hashSecret } from "./token-format";
import { revokeTokens } from "./revoke-tokens";

type Row = typeof oauthClients.$inferSelect;

/** Live access tokens of the client row in scope: not revoked, not expired. Qualified by hand: Drizzle drops table names of columns inside select fields. */
const activeTokens = sql<number>`(select count(*)::int from ${oauthTokens} where "oauth_tokens"."client_id" = "oauth_clients"."id" and "oauth_tokens"."kind" = 'access' and "oauth_tokens"."revoked_at" is null and "oauth_tokens"."expires_at" > now())`;
const withActiveTokens = { ...getTableColumns(oauthClients), activeTokens };

export function toOAuthClient(r: Row & { activeTokens?: number }): OAuthClient {
  return OAuthClient.parse({
    id: r.id,
    clientId: r.clientId,
    name: r.name,
    type: r.type,
    redirectUris: r.redirectUris,
    grantTypes: r.grantTypes,
    scopes: r.scopes,
    status: r.status,
    secretLast4: r.secretLast4,
    applicationId: r.applicationId,
    activeTokens: Number(r.activeTokens ?? 0),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  });
}

/** Clients the principal may see: its own partner's, nobody else's. */
function ownClients(p: Principal): SQL {
  return p.partnerId ? eq(oauthClients.partnerId, p.partnerId) : sql`false`;
}

async function clientRow(db: Db, principal: Principal, id: string): Promise<Row & { activeTokens: number }> {
  if (!isUuid(id)) throw new NotFound("OAuth client");
  const [row] = await db
    .select(withActiveTokens)
    .from(oauthClients)
    .where(and(eq(oauthClients.id, id), ownClients(principal)));
  if (!row) throw new NotFound("OAuth client");
  return row;
}

type Shape = { type: Row["type"]; redirectUris: string[]; grantTypes: string[]; scopes: string[] };

/** The rules that span fields. */
function checkShape(s: Shape) {
  const errors: FieldError[] = [];
  if (s.type === "public" && s.grantTypes.includes("client_credentials")) {
    errors.push({ path: "grantTypes", message: "public clients cannot use client_credentials" });
  }
  if (s.grantTypes.includes("authorization_code") && s.redirectUris.length === 0) {
    errors.push({ path: "redirectUris", message: "authorization_code needs at least one redirect URI" });
  }
  if (s.scopes.includes("admin")) errors.push({ path: "scopes", message: "admin is not allowed" });
  if (errors.length) throw new Invalid(errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);
}

const uniq = (xs: string[]) => [...new Set(xs)];
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export async function listClients(db: Db, principal: Principal, q: ListOAuthClientsQuery): Promise<Page<OAuthClient>> {
  const rows = await db
    .select(withActiveTokens)
    .from(oauthClients)
    .where(
      and(
        ownClients(principal),
        q.status ? eq(oauthClients.status, q.status) : undefined,
        afterCursor(oauthClients.createdAt, oauthClients.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(oauthClients.createdAt, oauthClients.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toOAuthClient);
}

export async function getClient(db: Db, principal: Principal, id: string): Promise<OAuthClient> {
  return toOAuthClient(await clientRow(db, principal, id));
}

export async function createClient(db: Db, principal: Principal, input: CreateOAuthClient): Promise<CreatedOAuthClient> {
  const partner = await activePartnerFor(db, principal);
  const shape = { type: input.type, redirectUris: uniq(input.redirectUris), grantTypes: uniq(input.grantTypes), scopes: uniq(input.scopes) };
  checkShape(shape);
  requireWithinCeiling(principal, shape.scopes, "The client");
  const secret = input.type === "confidential" ? generateClientSecret() : null;
  const [row] = await db
    .insert(oauthClients)
    .values({
      partnerId: partner.id,
      name: input.name,
      clientId: generateClientId(),
      secretHash: secret ? hashSecret(secret) : null,
      secretLast4: secret ? secret.slice(-4) : null,
      createdBy: principal.userId,
      ...shape,
    })
    .returning();
  return CreatedOAuthClient.parse({ ...toOAuthClient(row), ...(secret ? { clientSecret: secret } : {}) });
}

/** Revokes every live token of the client (access and refresh). */
export async function revokeClientTokens(db: Db, clientRowId: string, now = new Date()) {
  await revokeTokens(db, eq(oauthTokens.clientId, clientRowId), now);
}

/** An application's client follows its live version: it changes through review, not here. */
function refuseAppClient(c: Row, change: string) {
  if (c.applicationId) {
    throw new Conflict(`This client belongs to an application: ${change} through the application (a new version goes through review)`, [
      { path: "applicationId", message: "managed by its application" },
    ]);
  }
}

export async function updateClient(db: Db, principal: Principal, id: string, input: UpdateOAuthClient): Promise<OAuthClient> {
  await activePartnerFor(db, principal);
  const current = await clientRow(db, principal, id);
  refuseAppClient(current, "change it");
  const next = {
    type: current.type,
    redirectUris: input.redirectUris ? uniq(input.redirectUris) : current.redirectUris,
    grantTypes: input.grantTypes ? uniq(input.grantTypes) : current.grantTypes,
    scopes: input.scopes ? uniq(input.scopes) : current.scopes,
  };
  checkShape({ ...next, scopes: next.scopes.filter((s) => !current.scopes.includes(s) || s === "admin") });
  // New redirect URIs or grant types are new ways to obtain the client's tokens, and
  // added scopes widen them: each needs the caller to hold all the client carries.
  const widened = missingScopes(current.scopes, next.scopes).length > 0;
  const rerouted = !sameSet(next.redirectUris, current.redirectUris) || !sameSet(next.grantTypes, current.grantTypes);
  if (widened || rerouted) requireWithinCeiling(principal, next.scopes, "The client");
  const narrowed = missingScopes(next.scopes, current.scopes).length > 0;
  const disabling = input.status === "disabled" && current.status !== "disabled";
  const [row] = await db
    .update(oauthClients)
    .set({ ...next, name: input.name ?? current.name, status: input.status ?? current.status, updatedAt: new Date() })
    .where(and(eq(oauthClients.id, current.id), ownClients(principal)))
    .returning();
  // A disabled client or one whose scopes shrank keeps no token minted under the old terms.
  if (disabling || narrowed) await revokeClientTokens(db, current.id);
  return toOAuthClient({ ...row, activeTokens: disabling || narrowed ? 0 : current.activeTokens });
}

export async function deleteClient(db: Db, principal: Principal, id: string): Promise<void> {
  await activePartnerFor(db, principal);
  const current = await clientRow(db, principal, id);
  refuseAppClient(current, "retire it");
  await revokeClientTokens(db, current.id);
  // Tokens cascade with the client row.
  await db.delete(oauthClients).where(and(eq(oauthClients.id, current.id), ownClients(principal)));
}

/** A new secret for a confidential client; the old one stops working at once. */
export async function rotateClientSecret(db: Db, principal: Principal, id: string): Promise<CreatedOAuthClient> {
  await activePartnerFor(db, principal);
  const current = await clientRow(db, principal, id);
  if (current.type !== "confidential") throw new Conflict("Public clients have no secret to rotate");
  // An app's client gets tokens only through installers' consent, so its secret carries what
  // managing the app takes, not the scopes installers grant.
  requireWithinCeiling(principal, current.applicationId ? ["write:applications"] : current.scopes, "The client");
  const secret = generateClientSecret();
  const [row] = await db
    .update(oauthClients)
    .set({ secretHash: hashSecret(secret), secretLast4: secret.slice(-4), updatedAt: new Date() })
    .where(and(eq(oauthClients.id, current.id), ownClients(principal)))
    .returning(withActiveTokens);
  return CreatedOAuthClient.parse({ ...toOAuthClient(row), clientSecret: secret });
}
