"use client";

import Link from "next/link";
import { AppWindow, Copy, Pencil, Power, PowerOff, RotateCw, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { numberFormat } from "@/components/keys/format";
import { ScopeChips } from "@/components/keys/scope-chips";
import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Time } from "@/components/ui/time";
import type { OAuthClient } from "./types";

/** What the OAuth clients table's cells read from the list (the DataTable's `meta`). */
export type OAuthClientTableMeta = {
  /** The viewer may edit, rotate, enable, disable and delete clients. */
  canWrite: boolean;
  /** An enable is in flight (enabling straight from the menu, without a dialog). */
  enabling: boolean;
  onEnable: (c: OAuthClient) => void;
  onEditRedirectUris: (c: OAuthClient) => void;
  onRotateSecret: (c: OAuthClient) => void;
  onDisable: (c: OAuthClient) => void;
  onDelete: (c: OAuthClient) => void;
};

const copyClientId = (c: OAuthClient) =>
  navigator.clipboard.writeText(c.clientId).then(
    () => toast.success(`Client ID of “${c.name}” copied`),
    () => toast.error("Could not copy: your browser blocked the clipboard."),
  );

const col = dataColumnHelper<OAuthClient, OAuthClientTableMeta>();

export const oauthClientColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    meta: { primary: true, wrap: true, className: "md:min-w-[14rem]" },
    cell: ({ row: { original: c } }) => (
      <>
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="block max-w-[14rem] truncate font-medium text-slate-900" title={c.name}>
            {c.name}
          </span>
          <Badge tone={c.type === "confidential" ? "blue" : "gray"}>{c.type}</Badge>
          {c.applicationId && (
            // An app's client is named after the app when it is published; it changes only through the app.
            <Link
              href={`/apps/${c.applicationId}`}
              data-testid="client-app-badge"
              className="inline-flex max-w-[16rem] items-center gap-1 rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-600/25 hover:underline"
            >
              <AppWindow aria-hidden className="size-3 shrink-0" />
              <span className="truncate">App: {c.name}</span>
            </Link>
          )}
        </span>
        <span className="block text-xs text-slate-600">
          {c.redirectUris.length === 1 ? "1 redirect URI" : `${c.redirectUris.length} redirect URIs`}
          {/* What the hidden columns say, while they are hidden from the table. */}
          <span className="hidden md:inline 2xl:hidden">
            {" "}
            · created <Time value={c.createdAt} />
          </span>
        </span>
        <span className="hidden font-mono text-[11px] text-slate-600 md:block 2xl:hidden">{c.grantTypes.join(" · ")}</span>
      </>
    ),
  }),
  col.accessor("clientId", {
    header: "Client ID",
    meta: { hide: "lg" },
    cell: (c) => (
      <code className="block max-w-[12rem] truncate font-mono text-xs text-slate-700" title={c.getValue()}>
        {c.getValue()}
      </code>
    ),
  }),
  col.accessor("grantTypes", {
    header: "Grant types",
    meta: { hide: "2xl", label: "Grants" },
    cell: (c) => (
      <span className="flex flex-col items-start gap-0.5">
        {c.getValue().map((g) => (
          <code key={g} className="font-mono text-[11px] text-slate-700">
            {g}
          </code>
        ))}
      </span>
    ),
  }),
  col.accessor("scopes", {
    header: "Scopes",
    meta: { hide: "xl" },
    cell: (c) => <ScopeChips scopes={c.getValue()} />,
  }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => <Badge>{c.getValue()}</Badge>,
  }),
  col.accessor("activeTokens", {
    header: "Tokens",
    meta: { hide: "lg", label: "Active tokens", className: "tabular-nums" },
    cell: (c) => numberFormat.format(c.getValue()),
  }),
  col.accessor("createdAt", {
    header: "Created",
    meta: { hide: "2xl" },
    cell: (c) => <Time value={c.getValue()} />,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: c }, table }) => {
      const { canWrite, enabling, onEnable, onEditRedirectUris, onRotateSecret, onDisable, onDelete } = tableMeta(table);
      return (
        <RowActions label={`Actions for ${c.name}`}>
          <DropdownMenuItem onSelect={() => copyClientId(c)}>
            <Copy aria-hidden /> Copy client ID
          </DropdownMenuItem>
          {canWrite && c.applicationId && (
            // The app's client follows its live version: the API refuses edits, status changes and deletes (409); its secret rotates here.
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem destructive onSelect={() => onRotateSecret(c)}>
                <RotateCw aria-hidden /> Rotate secret…
              </DropdownMenuItem>
            </>
          )}
          {canWrite && !c.applicationId && (
            <>
              <DropdownMenuItem onSelect={() => onEditRedirectUris(c)}>
                <Pencil aria-hidden /> Edit redirect URIs…
              </DropdownMenuItem>
              {c.status !== "active" && (
                <DropdownMenuItem disabled={enabling} onSelect={() => onEnable(c)}>
                  <Power aria-hidden /> Enable
                </DropdownMenuItem>
              )}
              <DropdownMenuSeparator />
              {c.type === "confidential" && (
                <DropdownMenuItem destructive onSelect={() => onRotateSecret(c)}>
                  <RotateCw aria-hidden /> Rotate secret…
                </DropdownMenuItem>
              )}
              {c.status === "active" && (
                <DropdownMenuItem destructive onSelect={() => onDisable(c)}>
                  <PowerOff aria-hidden /> Disable…
                </DropdownMenuItem>
              )}
              <DropdownMenuItem destructive onSelect={() => onDelete(c)}>
                <Trash2 aria-hidden /> Delete…
              </DropdownMenuItem>
            </>
          )}
        </RowActions>
      );
    },
  }),
]);
