import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";
import { forgetPartnerKeys } from "@/lib/keys/key-cache";
import { notify } from "@/lib/notifications/notify";
import { forgetTokens } from "@/lib/oauth/token-cache";
import type { Partner } from "./schemas";
import { toPartner } from "./to-dto";

type Transition = "activate" | "suspend";
const allowedFrom: Record<Transition, Array<Partner["status"]>> = {
  activate: ["pending", "suspended", "rejected"],
  suspend: ["pending", "active"],
};
const target: Record<Transition, Partner["status"]> = { activate: "active", suspend: "suspended" };

/** Admin-only state change; records who, when and why, and tells the partner's members. */
export async function changePartnerStatus(
  db: Db,
  principal: Principal,
  id: string,
  transition: Transition,
  reason: string | undefined,
  ctx: AuditContext = {},
): Promise<Partner> {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins change a partner's status");
  if (!isUuid(id)) throw new NotFound("Partner");
  const partner = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(partners)
      .set({
        status: target[transition],
        statusReason: reason ?? null,
        statusChangedAt: new Date(),
        statusChangedBy: principal.userId,
        updatedAt: new Date(),
      })
      .where(and(eq(partners.id, id), inArray(partners.status, allowedFrom[transition])))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ status: partners.status }).from(partners).where(eq(partners.id, id));
      if (!exists) throw new NotFound("Partner");
      throw new Conflict(`A partner that is ${exists.status} cannot be ${transition === "activate" ? "activated" : "suspended"}`);
    }
    await notify(tx, {
      kind: transition === "activate" ? "partner.active" : "partner.suspended",
      to: { partner: id },
      partnerId: id,
      title: transition === "activate" ? `${row.name} is approved` : `${row.name} is suspended`,
      body: reason ?? "",
      link: "/dashboard",
    });
    await recordAudit(
      tx,
      principal,
      { action: `partner.${target[transition]}`, targetType: "partner", targetId: id, partnerId: id, details: { reason: reason ?? null } },
      ctx,
    );
    return toPartner(row);
  });
  // Credentials carry their partner's status in the 5 s verification caches:
  // a suspension must bite at once on this instance (within 5 s elsewhere).
  forgetPartnerKeys(id);
  forgetTokens();
  return partner;
}
