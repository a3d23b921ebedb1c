import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { assertPartnerVisible, visiblePartners } from "./access";
import type { Partner } from "./schemas";
import { toPartner } from "./to-dto";

export async function getPartnerRow(db: Db, principal: Principal, id: string) {
  assertPartnerVisible(principal, id);
  const [row] = await db
    .select()
    .from(partners)
    .where(and(eq(partners.id, id), visiblePartners(principal)))
    .limit(1);
  if (!row) throw new NotFound("Partner");
  return row;
}

export async function getPartner(db: Db, principal: Principal, id: string): Promise<Partner> {
  return toPartner(await getPartnerRow(db, principal, id));
}
