import { isUuid } from "@/lib/db/errors";
import { DomainError } from "@/lib/errors";

// The staff queue (sort=sla) pages on (due time of the owed reply, nulls last; created; id),
// all ascending. Its cursor names those three; a created-order cursor is not one of these.

export type QueueCursor = { due: Date | null; createdAt: Date; id: string };

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeQueueCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify({ due: c.due ? c.due.toISOString() : null, c: c.createdAt.toISOString(), i: c.id })).toString("base64url");
}

function time(v: unknown): Date {
  if (typeof v !== "string" || !CANONICAL.test(v) || v.startsWith("0000")) throw new Error();
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || d.toISOString() !== v) throw new Error();
  return d;
}

export function decodeQueueCursor(cursor: string): QueueCursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { due?: unknown; c?: unknown; i?: unknown };
    if (!v || typeof v !== "object" || !isUuid(v.i as string)) throw new Error();
    return { due: v.due === null ? null : time(v.due), createdAt: time(v.c), id: v.i as string };
  } catch {
    throw new DomainError("INVALID_REQUEST", "The cursor is not valid", [{ path: "cursor", message: "Not a cursor returned by this endpoint for sort=sla" }]);
  }
}
