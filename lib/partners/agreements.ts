import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerAgreements } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { isUniqueViolation, isUuid } from "@/lib/db/errors";
import { afterCursor, cursorOrder, toPage, type Page, type PageQuery } from "@/lib/pagination/cursor";
import { assertPartnerOwner } from "./access";
import { getPartnerRow } from "./get-partner";
import type { Agreement, IssueAgreement } from "./schemas";
import { toAgreement } from "./to-dto";

// Agreements: an admin issues a version, the partner's owner accepts it once.

export async function listAgreements(db: Db, principal: Principal, partnerId: string, q: PageQuery): Promise<Page<Agreement>> {
  await getPartnerRow(db, principal, partnerId);
  const rows = await db
    .select()
    .from(partnerAgreements)
    .where(and(eq(partnerAgreements.partnerId, partnerId), afterCursor(partnerAgreements.createdAt, partnerAgreements.id, q.cursor)))
    .orderBy(...cursorOrder(partnerAgreements.createdAt, partnerAgreements.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toAgreement);
}

export async function issueAgreement(db: Db, principal: Principal, partnerId: string, input: IssueAgreement): Promise<Agreement> {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins issue agreements");
  await getPartnerRow(db, principal, partnerId);
  try {
    const [row] = await db
      .insert(partnerAgreements)
      .values({ partnerId, ...input, issuedBy: principal.userId })
      .returning();
    return toAgreement(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new Conflict(`Version ${input.version} of "${input.kind}" was already issued to this partner`, [
        { path: "version", message: "already issued" },
      ]);
    }
    throw err;
  }
}

export async function acceptAgreement(
  db: Db,
  principal: Principal,
  partnerId: string,
  agreementId: string,
  ctx: AuditContext = {},
): Promise<Agreement> {
  await getPartnerRow(db, principal, partnerId);
  if (!isUuid(agreementId)) throw new NotFound("Agreement");
  if (isAdmin(principal)) throw new Forbidden("Agreements are accepted by the partner's owner, not by platform admins");
  assertPartnerOwner(principal);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(partnerAgreements)
      .set({ acceptedBy: principal.userId, acceptedAt: new Date(), acceptedIp: ctx.ip ?? null })
      .where(
        and(eq(partnerAgreements.id, agreementId), eq(partnerAgreements.partnerId, partnerId), isNull(partnerAgreements.acceptedAt)),
      )
      .returning();
    if (!row) {
      const [exists] = await tx
        .select({ acceptedAt: partnerAgreements.acceptedAt })
        .from(partnerAgreements)
        .where(and(eq(partnerAgreements.id, agreementId), eq(partnerAgreements.partnerId, partnerId)));
      if (!exists) throw new NotFound("Agreement");
      throw new Conflict("This agreement was already accepted");
    }
    await recordAudit(
      tx,
      principal,
      { action: "agreement.accepted", targetType: "agreement", targetId: agreementId, partnerId, details: { version: row.version, kind: row.kind } },
      ctx,
    );
    return toAgreement(row);
  });
}
