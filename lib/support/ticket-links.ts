import { and } from "drizzle-orm";
import type { Db } from "@/db";
import { hasScope } from "@/lib/auth/scopes";
import { DomainError } from "@/lib/errors";
import { linkSources, scopeOf, type LinkTarget } from "./link-sources";
import type { TicketLink, TicketLinkInput, TicketLinkType } from "./schemas";
import { orgKey, type RequesterOrg } from "./support-actor";

// Links are the requester's own objects: checked when attached, and read live (with the
// context staff need) whenever the ticket is read. Reads batch by kind: one query per kind
// of object per request, however many tickets and links.

function groupByType<T extends { type: TicketLinkType }>(items: T[]): Map<TicketLinkType, T[]> {
  const groups = new Map<TicketLinkType, T[]>();
  for (const item of items) groups.set(item.type, [...(groups.get(item.type) ?? []), item]);
  return groups;
}

/** Throws 404 naming the first link (`links.N`) that is not the organisation's own object. */
export async function verifyLinks(db: Db, org: RequesterOrg, links: TicketLinkInput[], scopes: readonly string[]): Promise<void> {
  const scope = scopeOf([org]);
  const missing: number[] = [];
  const indexed = links.map((l, index) => ({ ...l, index }));
  for (const [type, group] of groupByType(indexed)) {
    const src = linkSources[type];
    // Objects the caller could not read elsewhere (a billing member's API keys) are not theirs to attach either.
    const owned = hasScope(scopes, src.readScope) ? src.owned(scope) : undefined;
    const found = owned ? new Set((await src.fetch(db, and(src.idIn(group.map((l) => l.id)), owned)!, group.length)).map((t) => t.id)) : new Set<string>();
    for (const l of group) if (!found.has(l.id)) missing.push(l.index);
  }
  if (!missing.length) return;
  const first = Math.min(...missing);
  const l = links[first];
  throw new DomainError("NOT_FOUND", `links.${first}: no ${l.type.replace("_", " ")} ${l.id} of yours`, [
    { path: `links.${first}`, message: `not found among your ${l.type.replace("_", " ")}s` },
  ]);
}

export type StoredLink = { type: TicketLinkType; id: string };

/**
 * Each ticket's links with their live context: null when the object is gone or no longer the
 * requester's, or when `scopes` (the reader's; null for staff, who see everything) cannot read
 * its kind: the same rule as attaching one (verifyLinks).
 */
export async function readLinks(db: Db, tickets: Array<{ org: RequesterOrg; links: StoredLink[] }>, scopes: readonly string[] | null): Promise<TicketLink[][]> {
  const all = tickets.flatMap((t) => t.links.map((l) => ({ ...l, org: t.org })));
  const found = new Map<string, LinkTarget>();
  await Promise.all(
    [...groupByType(all)].map(async ([type, group]) => {
      const src = linkSources[type];
      if (scopes && !hasScope(scopes, src.readScope)) return;
      const owned = src.owned(scopeOf(group.map((l) => l.org)));
      if (!owned) return;
      const ids = [...new Set(group.map((l) => l.id))];
      for (const t of await src.fetch(db, and(src.idIn(ids), owned)!, ids.length)) found.set(`${type}:${t.id}`, t);
    }),
  );
  return tickets.map((t) =>
    t.links.map((l) => {
      const target = found.get(`${l.type}:${l.id}`);
      // Scoped by every ticket's organisation in one query: each link still shows only its own ticket's object.
      const context = target && target.owners.includes(orgKey(t.org)) ? target.context(t.org) : null;
      return { type: l.type, id: l.id, context };
    }),
  );
}
