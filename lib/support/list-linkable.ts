import { and } from "drizzle-orm";
import type { Db } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { hasScope } from "@/lib/auth/scopes";
import { linkSources, scopeOf } from "./link-sources";
import { ticketLinkTypes, type LinkableItem, type LinkablePage, type LinkableQuery } from "./schemas";
import { requesterOf } from "./support-actor";

const PICKER_LIMIT = 50;

/** The requester's own objects to attach to a ticket, newest first: one kind, or every kind. */
export async function listLinkable(db: Db, principal: Principal, q: LinkableQuery): Promise<LinkablePage> {
  const { org } = requesterOf(principal);
  const scope = scopeOf([org]);
  const pattern = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const types = q.type ? [q.type] : ticketLinkTypes;
  const found = await Promise.all(
    types.map(async (type) => {
      const src = linkSources[type];
      const owned = hasScope(principal.scopes, src.readScope) ? (src.listed ?? src.owned)(scope) : undefined;
      if (!owned) return [];
      return src.fetch(db, and(owned, pattern ? src.labelLike(pattern) : undefined)!, PICKER_LIMIT);
    }),
  );
  const data: LinkableItem[] = found
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .slice(0, PICKER_LIMIT)
    .map((t) => ({ type: t.type, id: t.id, label: t.label, description: t.description }));
  return { data };
}
