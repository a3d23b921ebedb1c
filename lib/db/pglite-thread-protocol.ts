import type { Results } from "@electric-sql/pglite";

// Messages between the main thread and the database thread (pglite-thread.ts).
// Everything crosses by structured clone: parser functions cannot, so a query
// names the types it wants as raw text instead.

export type ThreadRequest =
  | { id: number; op: "query"; sql: string; params?: unknown[]; rowMode?: "array" | "object"; rawTypes?: number[]; tx?: number }
  | { id: number; op: "exec"; sql: string; tx?: number }
  | { id: number; op: "begin" }
  | { id: number; op: "end"; tx: number; commit: boolean }
  | { id: number; op: "close" };

export type ThreadReply =
  | { id: number; ok: true; result: Results | Results[] | number | null }
  | { id: number; ok: false; error: Record<string, unknown> };
