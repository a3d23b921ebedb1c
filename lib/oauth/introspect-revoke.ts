import { forgetTokens } from "./token-cache";
import { and, eq, isNull, or } from "drizzle-orm";
import { getDb } from "@/db";
import { oauthTokens } from "@/db/schema";
import { authenticateClient, OAuthError, oauthEndpoint, oauthJson, readForm } from "./oauth-http";
import { checkToken, loadToken } from "./token-bearer-resolver";

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** RFC 7662. Only the client a token was issued to learns anything about it. */
export const handleIntrospection = oauthEndpoint(async (req) => {
  const form = await readForm(req);
  const db = await getDb();
  const client = await authenticateClient(db, req, form);
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required");
  const record = await loadToken(db, token);
  if (!record || record.clientId !== client.id) return oauthJson({ active: false });
  const now = new Date();
  const live = record.kind === "access" ? checkToken(record, now).valid : !record.revokedAt && record.expiresAt > now && record.partnerStatus === "active" && record.clientStatus === "active";
  if (!live) return oauthJson({ active: false });
  return oauthJson({
    active: true,
    scope: record.scopes.join(" "),
    client_id: record.publicClientId,
    exp: seconds(record.expiresAt),
    iat: seconds(record.createdAt),
    sub: record.partnerId,
    token_type: record.kind === "access" ? "Bearer" : "refresh_token",
  });
});

/** RFC 7009: 200 whatever the token, so the answer reveals nothing; only the owning client revokes. */
export const handleRevocation = oauthEndpoint(async (req) => {
  const form = await readForm(req);
  const db = await getDb();
  const client = await authenticateClient(db, req, form);
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required");
  const record = await loadToken(db, token);
  if (record && record.clientId === client.id && !record.revokedAt) {
    const [row] = await db.select({ familyId: oauthTokens.familyId }).from(oauthTokens).where(eq(oauthTokens.id, record.id));
    // A revoked refresh token takes its whole grant (family) with it.
    const target =
      record.kind === "refresh" && row?.familyId ? or(eq(oauthTokens.id, record.id), eq(oauthTokens.familyId, row.familyId)) : eq(oauthTokens.id, record.id);
    await db
      .update(oauthTokens)
      .set({ revokedAt: new Date() })
      .where(and(target, eq(oauthTokens.clientId, client.id), isNull(oauthTokens.revokedAt)));
    forgetTokens();
  }
  return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
});
