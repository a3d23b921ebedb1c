import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { sorts, type SearchSort } from "./schemas";

// A search cursor holds the last row's score and id (ties broken by id), the instant the
// search ranked at (so freshness and trending do not move between pages) and, after a
// spelling correction, the corrected query the later pages continue.

const Cursor = z.object({
  k: z.enum(sorts),
  s: z.number().finite(),
  id: z.uuid(),
  at: z.iso.datetime(),
  cq: z.string().max(400).optional(),
});
export type SearchCursor = z.infer<typeof Cursor>;

export function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeSearchCursor(raw: string, sort: SearchSort): SearchCursor {
  let parsed: SearchCursor | null = null;
  try {
    parsed = Cursor.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.k !== sort) {
    throw new DomainError("INVALID_REQUEST", "The cursor is not valid", [
      { path: "cursor", message: "Not a cursor returned by this search (same q, sort and filters)" },
    ]);
  }
  return parsed;
}
