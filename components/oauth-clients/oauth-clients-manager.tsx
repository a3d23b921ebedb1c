"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { formatDate, formatDateTime, numberFormat } from "@/components/keys/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Pager } from "@/components/ui/pager";
import { PartnerFeatureGate, type FeatureCopy } from "@/components/partners/partner-feature-gate";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { CreateClientDialog } from "./create-client-dialog";
import { EditRedirectUrisDialog } from "./edit-redirect-uris-dialog";
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

  const setStatus = useMutation({
    mutationFn: ({ client, status }: { client: OAuthClient; status: OAuthClientStatus }) =>
      apiFetch<OAuthClient>(`/oauth-clients/${client.id}`, { method: "PATCH", body: { status } }),
    onSuccess: () => {
      setDisabling(null);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (c: OAuthClient) => apiFetch<void>(`/oauth-clients/${c.id}`, { method: "DELETE" }),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });

  const createButton = canWrite ? <Button onClick={() => setCreating(true)}>Create OAuth client</Button> : undefined;

  return (
    <Card title="OAuth clients" actions={createButton}>
      <p className="mb-4 text-xs text-slate-500">
        Point your OAuth library at{" "}
        <code className="rounded bg-slate-100 px-1 py-0.5 font-mono">{discoveryPath}</code> to find the endpoints.
      </p>
      {setStatus.isError && !disabling && (
        <div className="mb-4">
          <ErrorState error={setStatus.error} />
        </div>
      )}
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
          <Table head={["Name", "Client ID", "Type", "Grant types", "Scopes", "Status", "Active tokens", "Created", ""]}>
            {list.data.data.map((c) => (
              <tr key={c.id} data-testid={`oauth-client-row-${c.id}`}>
                <Td>
                  <span className="block max-w-[14rem] truncate font-medium text-slate-900" title={c.name}>
                    {c.name}
                  </span>
                  <span className="block text-xs text-slate-500">
                    {c.redirectUris.length === 1 ? "1 redirect URI" : `${c.redirectUris.length} redirect URIs`}
                  </span>
                </Td>
                <Td>
                  <span className="flex items-center gap-2">
                    <code className="max-w-[12rem] truncate font-mono text-xs text-slate-700" title={c.clientId}>
                      {c.clientId}
                    </code>
                    <CopyButton value={c.clientId} />
                  </span>
                </Td>
                <Td>
                  <Badge tone={c.type === "confidential" ? "blue" : "gray"}>{c.type}</Badge>
                </Td>
                <Td>
                  <span className="flex flex-col items-start gap-0.5">
                    {c.grantTypes.map((g) => (
                      <code key={g} className="font-mono text-[11px] text-slate-700">
                        {g}
                      </code>
                    ))}
                  </span>
                </Td>
                <Td>
                  <Scopes scopes={c.scopes} />
                </Td>
                <Td>
                  <Badge>{c.status}</Badge>
                </Td>
                <Td className="tabular-nums">{numberFormat.format(c.activeTokens)}</Td>
                <Td>
                  <span title={formatDateTime(c.createdAt)}>{formatDate(c.createdAt)}</span>
                </Td>
                <Td className="text-right">
                  {canWrite && (
                    <span className="flex flex-wrap justify-end gap-2">
                      <Button size="sm" variant="secondary" onClick={() => setEditing(c)}>
                        Edit redirect URIs
                      </Button>
                      {c.type === "confidential" && (
                        <Button size="sm" variant="secondary" onClick={() => setRotating(c)}>
                          Rotate secret
                        </Button>
                      )}
                      {c.status === "active" ? (
                        <Button size="sm" variant="ghost" onClick={() => setDisabling(c)}>
                          Disable
                        </Button>
                      ) : (
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={setStatus.isPending}
                          onClick={() => setStatus.mutate({ client: c, status: "active" })}
                        >
                          Enable
                        </Button>
                      )}
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(c)}>
                        Delete
                      </Button>
                    </span>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {creating && <CreateClientDialog grantedScopes={grantedScopes} onClose={() => setCreating(false)} onCreated={refresh} />}
      {editing && <EditRedirectUrisDialog client={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
      {rotating && <RotateSecretDialog client={rotating} onClose={() => setRotating(null)} onRotated={refresh} />}
      <ConfirmDialog
        open={!!disabling}
        title="Disable OAuth client?"
        confirmLabel="Disable client"
        danger
        busy={setStatus.isPending}
        onCancel={() => {
          setDisabling(null);
          setStatus.reset();
        }}
        onConfirm={() => disabling && setStatus.mutate({ client: disabling, status: "disabled" })}
      >
        {disabling && (
          <p>
            <span className="font-medium text-slate-900">{disabling.name}</span> can no longer get tokens, and every token it holds (
            {numberFormat.format(disabling.activeTokens)} active) is revoked now. Customers will have to authorize it again after you enable it.
          </p>
        )}
        {setStatus.isError && (
          <div className="mt-3">
            <ErrorState error={setStatus.error} />
          </div>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!deleting}
        title="Delete OAuth client?"
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

/** Up to two scopes as chips; beyond that the first one and "+N more" (all of them in the tooltip). */
function Scopes({ scopes }: { scopes: string[] }) {
  const shown = scopes.length <= 2 ? scopes : scopes.slice(0, 1);
  const rest = scopes.length - shown.length;
  return (
    <span className="flex flex-col items-start gap-1" title={scopes.join(", ")}>
      {shown.map((s) => (
        <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
          {s}
        </code>
      ))}
      {rest > 0 && <span className="text-xs text-slate-500">+{rest} more</span>}
    </span>
  );
}
