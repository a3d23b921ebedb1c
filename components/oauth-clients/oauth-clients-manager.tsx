"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { numberFormat } from "@/components/keys/format";
import { ScopeChips } from "@/components/keys/scope-chips";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Time } from "@/components/ui/time";
import { Copy, Pencil, Power, PowerOff, RotateCw, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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

  const copyClientId = (c: OAuthClient) =>
    navigator.clipboard.writeText(c.clientId).then(
      () => toast.success(`Client ID of “${c.name}” copied`),
      () => toast.error("Could not copy: your browser blocked the clipboard."),
    );

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
          <Table
            label="OAuth clients"
            head={[
              "Name",
              { header: "Client ID", hide: "lg" },
              { header: "Grant types", hide: "2xl" },
              { header: "Scopes", hide: "xl" },
              "Status",
              { header: "Tokens", hide: "lg" },
              { header: "Created", hide: "2xl" },
              { header: "Actions", srOnly: true },
            ]}
          >
            {list.data.data.map((c) => (
              <tr key={c.id} data-testid={`oauth-client-row-${c.id}`}>
                <Td primary wrap className="md:min-w-[14rem]">
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="block max-w-[14rem] truncate font-medium text-slate-900" title={c.name}>
                      {c.name}
                    </span>
                    <Badge tone={c.type === "confidential" ? "blue" : "gray"}>{c.type}</Badge>
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
                </Td>
                <Td label="Client ID" hide="lg">
                  <code className="block max-w-[12rem] truncate font-mono text-xs text-slate-700" title={c.clientId}>
                    {c.clientId}
                  </code>
                </Td>
                <Td label="Grants" hide="2xl">
                  <span className="flex flex-col items-start gap-0.5">
                    {c.grantTypes.map((g) => (
                      <code key={g} className="font-mono text-[11px] text-slate-700">
                        {g}
                      </code>
                    ))}
                  </span>
                </Td>
                <Td label="Scopes" hide="xl">
                  <ScopeChips scopes={c.scopes} />
                </Td>
                <Td label="Status">
                  <Badge>{c.status}</Badge>
                </Td>
                <Td label="Active tokens" hide="lg" className="tabular-nums">
                  {numberFormat.format(c.activeTokens)}
                </Td>
                <Td label="Created" hide="2xl">
                  <Time value={c.createdAt} />
                </Td>
                <Td actions>
                  <RowActions label={`Actions for ${c.name}`}>
                    <DropdownMenuItem onSelect={() => copyClientId(c)}>
                      <Copy aria-hidden /> Copy client ID
                    </DropdownMenuItem>
                    {canWrite && (
                      <>
                        <DropdownMenuItem onSelect={() => setEditing(c)}>
                          <Pencil aria-hidden /> Edit redirect URIs…
                        </DropdownMenuItem>
                        {c.status !== "active" && (
                          <DropdownMenuItem disabled={enable.isPending} onSelect={() => enable.mutate(c)}>
                            <Power aria-hidden /> Enable
                          </DropdownMenuItem>
                        )}
                        <DropdownMenuSeparator />
                        {c.type === "confidential" && (
                          <DropdownMenuItem destructive onSelect={() => setRotating(c)}>
                            <RotateCw aria-hidden /> Rotate secret…
                          </DropdownMenuItem>
                        )}
                        {c.status === "active" && (
                          <DropdownMenuItem destructive onSelect={() => setDisabling(c)}>
                            <PowerOff aria-hidden /> Disable…
                          </DropdownMenuItem>
                        )}
                        <DropdownMenuItem destructive onSelect={() => setDeleting(c)}>
                          <Trash2 aria-hidden /> Delete…
                        </DropdownMenuItem>
                      </>
                    )}
                  </RowActions>
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
