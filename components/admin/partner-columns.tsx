"use client";

import Link from "next/link";
import { Ban, CircleCheck, ExternalLink } from "lucide-react";
import type { Partner } from "@/components/partners/types";
import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Time } from "@/components/ui/time";

/** What the admin partners table's cells read from the list (the DataTable's `meta`). */
export type PartnerTableMeta = {
  onAct: (partner: Partner, action: "activate" | "suspend") => void;
};

const col = dataColumnHelper<Partner, PartnerTableMeta>();

export const partnerColumns = col.columns([
  col.accessor("name", {
    header: "Partner",
    meta: { primary: true },
    cell: ({ row: { original: p } }) => (
      <>
        <Link href={`/admin/partners/${p.id}`} className="font-medium text-slate-900 hover:underline">
          {p.name}
        </Link>
        <span className="block font-mono text-xs text-slate-600">{p.slug}</span>
      </>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: p } }) => (
      <>
        <Badge>{p.status}</Badge>
        {p.statusReason && (
          <span className="block max-w-xs truncate text-xs text-slate-600" title={p.statusReason}>
            {p.statusReason}
          </span>
        )}
      </>
    ),
  }),
  col.accessor("tier", {
    header: "Tier",
    meta: { hide: "lg" },
    cell: (c) => c.getValue(),
  }),
  col.accessor("createdAt", {
    header: "Joined",
    cell: (c) => <Time value={c.getValue()} />,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: p }, table }) => {
      const { onAct } = tableMeta(table);
      return (
        <RowActions label={`Actions for ${p.name}`}>
          <DropdownMenuItem asChild>
            <Link href={`/admin/partners/${p.id}`}>
              <ExternalLink aria-hidden /> View details
            </Link>
          </DropdownMenuItem>
          {p.status !== "active" && (
            <DropdownMenuItem onSelect={() => onAct(p, "activate")}>
              <CircleCheck aria-hidden /> Approve…
            </DropdownMenuItem>
          )}
          {(p.status === "active" || p.status === "pending") && (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem destructive onSelect={() => onAct(p, "suspend")}>
                <Ban aria-hidden /> Suspend…
              </DropdownMenuItem>
            </>
          )}
        </RowActions>
      );
    },
  }),
]);
