import { and, eq, ilike, or } from "drizzle-orm";
import type { Db } from "@/db";
import { partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import { visiblePartners } from "./access";
import type { ListPartnersQuery, Partner } from "./schemas";
import { toPartner } from "./to-dto";

export async function listPartners(db: Db, principal: Principal, q: ListPartnersQuery): Promise<Page<Partner>> {
  const search = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select()
    .from(partners)
    .where(
      and(
        visiblePartners(principal),
        q.status ? eq(partners.status, q.status) : undefined,
        search ? or(ilike(partners.name, search), ilike(partners.slug, search)) : undefined,
        afterCursor(partners.createdAt, partners.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(partners.createdAt, partners.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toPartner);
}
