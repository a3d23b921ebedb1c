"use client";

import { Pencil, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import type { Contact } from "./types";

/** What the contacts table's cells read from the list (the DataTable's `meta`). */
export type ContactTableMeta = {
  /** The viewer may edit and delete contacts. */
  canEdit: boolean;
  onEdit: (c: Contact) => void;
  onDelete: (c: Contact) => void;
};

const col = dataColumnHelper<Contact, ContactTableMeta>();

export const contactColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    meta: { primary: true },
    cell: ({ row: { original: c } }) => (
      <>
        <span className="font-medium text-slate-900">{c.name}</span>
        {c.title && <span className="block text-xs text-slate-600">{c.title}</span>}
      </>
    ),
  }),
  col.accessor("kind", {
    header: "Kind",
    cell: ({ row: { original: c } }) => (
      <span className="flex items-center gap-2">
        {c.kind}
        {c.isPrimary && <Badge tone="blue">primary</Badge>}
      </span>
    ),
  }),
  col.accessor("email", {
    header: "Email",
    cell: (c) => (
      <a href={`mailto:${c.getValue()}`} className="break-all text-slate-800 hover:underline">
        {c.getValue()}
      </a>
    ),
  }),
  col.accessor("phone", {
    header: "Phone",
    meta: { hide: "lg" },
    cell: (c) => c.getValue() ?? <span className="text-slate-600">—</span>,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: c }, table }) => {
      const { canEdit, onEdit, onDelete } = tableMeta(table);
      if (!canEdit) return null;
      return (
        <RowActions label={`Actions for ${c.name}`}>
          <DropdownMenuItem onSelect={() => onEdit(c)}>
            <Pencil aria-hidden /> Edit…
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem destructive onSelect={() => onDelete(c)}>
            <Trash2 aria-hidden /> Delete…
          </DropdownMenuItem>
        </RowActions>
      );
    },
  }),
]);
