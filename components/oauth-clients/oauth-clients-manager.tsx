"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { numberFormat } from "@/components/keys/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Pager } from "@/components/ui/pager";
import { PartnerFeatureGate, type FeatureCopy } from "@/components/partners/partner-feature-gate";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { CreateClientDialog } from "./create-client-dialog";
import { EditRedirectUrisDialog } from "./edit-redirect-uris-dialog";
import { oauthClientColumns } from "./oauth-client-columns";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { discoveryPath, type OAuthClient, type OAuthClientStatus } from "./types";

type Props = {
  partnerId: string;
  partnerName: string;
  partnerStatus: string;
  partnerStatusReason: string | null;
  /** The viewer may list OAuth clients (read:applications). */
  canRead: boolean;
  /** The viewer may create, edit, rotate, disable and delete them (write:applications). */
  canWrite: boolean;
  /** The viewer's own scopes: a new client can hold at most these. */
  grantedScopes: string[];
};

const clientsCopy: FeatureCopy = {
  name: "OAuth clients",
  roleText: "does not include applications. Ask an owner, admin or developer to manage OAuth clients.",
  onApproval: "register OAuth clients here",
  whileSuspended: "Its OAuth clients cannot be changed or used",
};

export function OAuthClientsManager(props: Props) {
  return (
    <PartnerFeatureGate feature={clientsCopy} {...props}>
      <ClientsList {...props} />
    </PartnerFeatureGate>
  );
}

function ClientsList({ partnerId, partnerName, canWrite, grantedScopes }: Props) {
  const qc = useQueryClient();
  const list = usePagedList<OAuthClient>(["oauth-clients", partnerId], "/oauth-clients");
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<OAuthClient | null>(null);
  const [rotating, setRotating] = useState<OAuthClient | null>(null);
  const [disabling, setDisabling] = useState<OAuthClient | null>(null);
  const [deleting, setDeleting] = useState<OAuthClient | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ["oauth-clients", partnerId] });

  const setStatus = (status: OAuthClientStatus) => (client: OAuthClient) =>
    apiFetch<OAuthClient>(`/oauth-clients/${client.id}`, { method: "PATCH", body: { status } });
  // Enabling is not destructive: straight from the menu, its outcome in a toast.
  const enable = useMutation({
    mutationFn: setStatus("active"),
    meta: { success: (_: unknown, c: OAuthClient) => `OAuth client “${c.name}” enabled` },
    onSuccess: refresh,
  });
  const disable = useMutation({
    mutationFn: setStatus("disabled"),
    meta: { success: (_: unknown, c: OAuthClient) => `OAuth client “${c.name}” disabled: its tokens are revoked`, error: false },
    onSuccess: () => {
      setDisabling(null);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (c: OAuthClient) => apiFetch<void>(`/oauth-clients/${c.id}`, { method: "DELETE" }),
    meta: { success: (_: unknown, c: OAuthClient) => `OAuth client “${c.name}” deleted`, error: false },
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });

  const createButton = canWrite ? <Button onClick={() => setCreating(true)}>Create OAuth client</Button> : undefined;

  return (
    <Card title="OAuth clients" actions={createButton}>
      <p className="mb-4 text-xs text-slate-600">
        Point your OAuth library at{" "}
        <code className="rounded bg-slate-100 px-1 py-0.5 font-mono">{discoveryPath}</code> to find the endpoints.
      </p>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No OAuth clients yet" action={createButton}>
          OAuth clients let your apps call the Portico API on someone&apos;s behalf: for a customer who signs in and consents (authorization code
          with PKCE), or as {partnerName} itself (client credentials). Register one per app, with only the scopes it needs.
        </EmptyState>
      ) : (
        <>
          <DataTable
            label="OAuth clients"
            columns={oauthClientColumns}
            data={list.data.data}
            getRowId={(c) => c.id}
            meta={{
              canWrite,
              enabling: enable.isPending,
              onEnable: enable.mutate,
              onEditRedirectUris: setEditing,
              onRotateSecret: setRotating,
              onDisable: setDisabling,
              onDelete: setDeleting,
            }}
            rowProps={(c) => ({ "data-testid": `oauth-client-row-${c.id}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {creating && <CreateClientDialog grantedScopes={grantedScopes} onClose={() => setCreating(false)} onCreated={refresh} />}
      {editing && <EditRedirectUrisDialog client={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
      {rotating && <RotateSecretDialog client={rotating} onClose={() => setRotating(null)} onRotated={refresh} />}
      <ConfirmDialog
        open={!!disabling}
        title={`Disable “${disabling?.name ?? "OAuth client"}”?`}
        confirmLabel="Disable client"
        danger
        busy={disable.isPending}
        onCancel={() => {
          setDisabling(null);
          disable.reset();
        }}
        onConfirm={() => disabling && disable.mutate(disabling)}
      >
        {disabling && (
          <p>
            <span className="font-medium text-slate-900">{disabling.name}</span> can no longer get tokens, and every token it holds (
            {numberFormat.format(disabling.activeTokens)} active) is revoked now. Customers will have to authorize it again after you enable it.
          </p>
        )}
        {disable.isError && (
          <div className="mt-3">
            <ErrorState error={disable.error} />
          </div>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!deleting}
        title={`Delete “${deleting?.name ?? "OAuth client"}”?`}
        confirmLabel="Delete client"
        danger
        busy={remove.isPending}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting)}
      >
        {deleting && (
          <p>
            <span className="font-medium text-slate-900">{deleting.name}</span> (
            <span className="font-mono text-xs">{deleting.clientId}</span>) is deleted and every token it holds is revoked: calls made with them
            are refused with 401 within seconds. This cannot be undone.
          </p>
        )}
        {remove.isError && (
          <div className="mt-3">
            <ErrorState error={remove.error} />
          </div>
        )}
      </ConfirmDialog>
    </Card>
  );
}
