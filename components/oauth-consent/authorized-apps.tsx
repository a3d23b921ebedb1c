"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban } from "lucide-react";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenuItem, RowActions } from "@/components/ui/dropdown-menu";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable, dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";

export type AuthorizedApp = {
  id: string;
  clientId: string;
  clientName: string;
  partnerName: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
};

type AppTableMeta = {
  /** Readable names of the scopes. */
  scopeLabels: Record<string, string>;
  onRevoke: (a: AuthorizedApp) => void;
};

const col = dataColumnHelper<AuthorizedApp, AppTableMeta>();

const appColumns = col.columns([
  col.accessor("clientName", {
    header: "App",
    meta: { primary: true },
    cell: ({ row: { original: a } }) => (
      <>
        <span className="block font-medium text-slate-900">{a.clientName}</span>
        <span className="block text-xs text-slate-600">by {a.partnerName}</span>
      </>
    ),
  }),
  col.accessor("scopes", {
    header: "Permissions",
    meta: { wrap: true },
    cell: (c) => {
      const { scopeLabels } = tableMeta(c.table);
      return (
        <div className="flex flex-wrap gap-1">
          {c.getValue().map((s) => (
            <Badge key={s} tone="gray">
              {scopeLabels[s] ?? s}
            </Badge>
          ))}
        </div>
      );
    },
  }),
  col.accessor("createdAt", {
    header: "Authorized",
    meta: { hide: "lg" },
    cell: (c) => <Time value={c.getValue()} />,
  }),
  col.accessor("lastUsedAt", {
    header: "Last used",
    cell: (c) => <Time value={c.getValue()} fallback="never" />,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: a }, table }) => {
      const { onRevoke } = tableMeta(table);
      return (
        <RowActions label={`Actions for ${a.clientName}`}>
          <DropdownMenuItem destructive onSelect={() => onRevoke(a)}>
            <Ban aria-hidden /> Revoke access…
          </DropdownMenuItem>
        </RowActions>
      );
    },
  }),
]);

export function AuthorizedApps({ scopeLabels }: { scopeLabels: Record<string, string> }) {
  const qc = useQueryClient();
  const list = usePagedList<AuthorizedApp>(["authorizations"], "/authorizations");
  const [revoking, setRevoking] = useState<AuthorizedApp | null>(null);
  const revoke = useMutation({
    mutationFn: (a: AuthorizedApp) => apiFetch(`/authorizations/${a.id}/revoke`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    meta: { success: (_: unknown, a: AuthorizedApp) => `Access for “${a.clientName}” revoked`, error: false },
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ["authorizations"] });
    },
  });

  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data.data.length) {
    return (
      <EmptyState title="No authorized apps" level={2}>
        When you authorize an app to act for your agency, it appears here and you can revoke it.
      </EmptyState>
    );
  }
  return (
    <Card>
      <DataTable
        label="Authorized apps"
        columns={appColumns}
        data={list.data.data}
        getRowId={(a) => a.id}
        meta={{ scopeLabels, onRevoke: setRevoking }}
      />
      <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke access for “${revoking?.clientName ?? "app"}”?`}
        confirmLabel="Revoke access"
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        <p>
          {revoking?.clientName} by {revoking?.partnerName} immediately loses access to your agency&apos;s data: its tokens stop working. It will
          have to ask you again to reconnect.
        </p>
        {revoke.isError && (
          <div className="mt-3">
            <ErrorState error={revoke.error} />
          </div>
        )}
      </ConfirmDialog>
    </Card>
  );
}
