import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { isUuid } from "@/lib/db/errors";
import { DomainError } from "@/lib/errors";

// Keyset pagination on (created_at desc, id desc): stable under inserts, index-friendly.

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export type Page<T> = { data: T[]; nextCursor: string | null };

type CursorValue = { t: string; id: string };

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: createdAt.toISOString(), id })).toString("base64url");
}

export function decodeCursor(cursor: string): CursorValue {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as CursorValue;
    // Only what encodeCursor writes: a uuid and a canonical ISO time that Postgres can compare (years 0001-9999).
    if (typeof v?.t !== "string" || !isUuid(v.id) || !CANONICAL_TIME.test(v.t) || v.t.startsWith("0000")) throw new Error();
    if (Number.isNaN(Date.parse(v.t)) || new Date(v.t).toISOString() !== v.t) throw new Error();
    return v;
  } catch {
    throw new DomainError("INVALID_REQUEST", "The cursor is not valid", [
      { path: "cursor", message: "Not a cursor returned by this endpoint" },
    ]);
  }
}

/** The WHERE fragment selecting rows after the cursor (or nothing without one). */
export function afterCursor(createdAt: PgColumn, id: PgColumn, cursor?: string): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  const t = new Date(c.t);
  return or(lt(createdAt, t), and(eq(createdAt, t), lt(id, c.id)));
}

export function cursorOrder(createdAt: PgColumn, id: PgColumn) {
  return [desc(createdAt), desc(id)] as const;
}

/** Fetch limit+1 rows, return limit of them and the cursor to the next page. */
export function toPage<T extends { createdAt: Date; id: string }, R = T>(
  rows: T[],
  limit: number,
  map: (row: T) => R = (r) => r as unknown as R,
): Page<R> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { data: slice.map(map), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null };
}
