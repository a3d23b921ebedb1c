"use client";

import { Ban, RotateCw } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Time } from "@/components/ui/time";
import { maskedKey, numberFormat } from "./format";
import { ScopeChips } from "./scope-chips";
import type { ApiKey } from "./types";

/** What the keys table's cells read from the list (the DataTable's `meta`). */
export type KeyTableMeta = {
  /** The viewer may rotate and revoke keys. */
  canWrite: boolean;
  /** The partner is active: a key can be rotated only then. */
  active: boolean;
  onRotate: (k: ApiKey) => void;
  onRevoke: (k: ApiKey) => void;
};

const col = dataColumnHelper<ApiKey, KeyTableMeta>();

export const keyColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    meta: { primary: true },
    cell: ({ row: { original: k } }) => (
      <>
        <span className="block max-w-[16rem] truncate font-medium text-slate-900" title={k.name}>
          {k.name}
        </span>
        <code className="block font-mono text-xs text-slate-700">{maskedKey(k)}</code>
        <span className="block text-xs text-slate-600">
          {numberFormat.format(k.ratelimitPerMinute)} req/min{k.customRatelimit ? " · own limit" : ""}
        </span>
      </>
    ),
  }),
  col.accessor("scopes", {
    header: "Scopes",
    meta: { hide: "lg" },
    cell: (c) => <ScopeChips scopes={c.getValue()} />,
  }),
  col.accessor("status", {
    header: "Status",
    meta: { wrap: true, className: "md:min-w-[7rem]" },
    cell: ({ row: { original: k } }) => (
      <>
        <Badge>{k.status}</Badge>
        {k.status === "expiring" && k.graceEndsAt && (
          <span className="block text-xs text-amber-800">
            expires <Time value={k.graceEndsAt} />
          </span>
        )}
        {k.status === "revoked" && k.revokedAt && (
          <span className="block text-xs text-slate-600">
            <Time value={k.revokedAt} />
          </span>
        )}
      </>
    ),
  }),
  col.accessor("createdAt", {
    header: "Created",
    meta: { hide: "xl" },
    cell: ({ row: { original: k } }) => (
      <>
        <Time value={k.createdAt} />
        <span className="block max-w-[10rem] truncate text-xs text-slate-600">
          {k.createdBy ? `by ${k.createdBy.name}` : k.rotatedFromId ? "by rotation" : ""}
        </span>
      </>
    ),
  }),
  col.accessor("lastUsedAt", {
    header: "Last used",
    cell: (c) => <Time value={c.getValue()} fallback="never" />,
  }),
  col.accessor("expiresAt", {
    header: "Expires",
    meta: { hide: "lg" },
    cell: (c) => <Time value={c.getValue()} fallback="never" />,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: k }, table }) => {
      const { canWrite, active, onRotate, onRevoke } = tableMeta(table);
      const live = k.status === "active" || k.status === "expiring";
      const canRotate = active && k.status === "active";
      if (!canWrite || !live) return null;
      return (
        <RowActions label={`Actions for ${k.name}`}>
          {canRotate && (
            <DropdownMenuItem onSelect={() => onRotate(k)}>
              <RotateCw aria-hidden /> Rotate…
            </DropdownMenuItem>
          )}
          {canRotate && <DropdownMenuSeparator />}
          <DropdownMenuItem destructive onSelect={() => onRevoke(k)}>
            <Ban aria-hidden /> Revoke…
          </DropdownMenuItem>
        </RowActions>
      );
    },
  }),
]);
