"use client";

import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { AppStatusBadge } from "./status";
import type { ApplicationVersion } from "./types";

export type VersionTableMeta = { liveVersionId: string | null };

const col = dataColumnHelper<ApplicationVersion, VersionTableMeta>();

export const versionColumns = col.columns([
  col.accessor("version", {
    header: "Version",
    meta: { primary: true },
    cell: ({ row: { original: v }, table }) => (
      <span className="flex items-center gap-2">
        <span className="font-mono text-sm font-semibold text-slate-900">{v.version}</span>
        {v.id === tableMeta(table).liveVersionId && <Badge tone="green">Live</Badge>}
      </span>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => <AppStatusBadge status={c.getValue()} />,
  }),
  col.accessor("changelog", {
    header: "Changelog",
    meta: { wrap: true, className: "md:max-w-[24rem]" },
    cell: ({ row: { original: v } }) => (
      <>
        <span className="block whitespace-pre-wrap break-words text-slate-800">{v.changelog || "—"}</span>
        {v.reviewNotes && <span className="mt-1 block text-xs text-slate-600">Reviewer: {v.reviewNotes}</span>}
      </>
    ),
  }),
  col.accessor("submittedAt", {
    header: "Submitted",
    meta: { hide: "lg" },
    cell: (c) => <Time value={c.getValue()} />,
  }),
  col.accessor("publishedAt", {
    header: "Published",
    cell: (c) => <Time value={c.getValue()} />,
  }),
]);
