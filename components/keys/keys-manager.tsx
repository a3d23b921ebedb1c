"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { inactivePartnerCopy, NotInRole, type FeatureCopy } from "@/components/partners/partner-feature-gate";
import type { Partner } from "@/components/partners/types";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { CreateKeyDialog } from "./create-key-dialog";
import { maskedKey } from "./format";
import { keyColumns } from "./key-columns";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { keyStatuses, type ApiKey, type ApiKeyStatus } from "./types";

type Props = {
  partnerId: string;
  partnerName: string;
  partnerStatus: string;
  partnerStatusReason: string | null;
  /** The viewer may list keys (read:keys). */
  canRead: boolean;
  /** The viewer may create, rotate and revoke keys (write:keys). */
  canWrite: boolean;
  /** The viewer's own scopes: a new key can hold at most these. */
  grantedScopes: string[];
};

const keysCopy: FeatureCopy = {
  name: "API keys",
  roleText: "covers billing and support. Ask an owner, admin or developer to manage API keys.",
  onApproval: "create keys here for your servers to call the Portico API",
  whileSuspended: "Its keys do not work and no new ones can be created",
};

export function KeysManager(props: Props) {
  if (!props.canRead) return <NotInRole feature={keysCopy} partnerName={props.partnerName} />;
  return <KeysList {...props} />;
}

function KeysList({ partnerId, partnerName, partnerStatus, partnerStatusReason, canWrite, grantedScopes }: Props) {
  const qc = useQueryClient();
  const [status, setStatus] = useQueryState("status", parseAsStringLiteral(keyStatuses));
  const list = usePagedList<ApiKey>(["keys", partnerId], "/keys", { status: status || undefined });
  const active = partnerStatus === "active";
  const partner = useQuery({
    queryKey: ["partner", partnerId],
    queryFn: () => apiFetch<Partner>(`/partners/${partnerId}`),
    enabled: canWrite && active,
  });
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ["keys", partnerId] });

  const revoke = useMutation({
    mutationFn: (k: ApiKey) => apiFetch<ApiKey>(`/keys/${k.id}/revoke`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    meta: { success: (_: unknown, k: ApiKey) => `API key “${k.name}” revoked`, error: false },
    onSuccess: () => {
      setRevoking(null);
      refresh();
    },
  });

  const createButton = canWrite && active ? <Button onClick={() => setCreating(true)}>Create API key</Button> : undefined;
  // A key without its own limit carries the tier's: the best hint for "may only lower your tier's limit".
  const tierLimit = list.data?.data.find((k) => !k.customRatelimit)?.ratelimitPerMinute;
  const inactive = active ? null : inactivePartnerCopy(keysCopy, partnerStatus, partnerName, partnerStatusReason);

  return (
    <Card title="Keys" actions={createButton}>
      {inactive && list.data && list.data.data.length > 0 && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span className="font-medium">{inactive.title}.</span> {inactive.body}
        </p>
      )}
      {!(inactive && !status && (list.isError || list.data?.data.length === 0)) && (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <Select
            aria-label="Filter by status"
            value={status ?? ""}
            onChange={(e) => setStatus((e.target.value || null) as ApiKeyStatus | null)}
            className="max-w-[12rem]"
          >
            <option value="">All statuses</option>
            <option value="active">Active</option>
            <option value="expiring">Expiring</option>
            <option value="revoked">Revoked</option>
            <option value="expired">Expired</option>
          </Select>
          <p className="text-xs text-slate-600">
            Send a key as <code className="rounded bg-slate-100 px-1 py-0.5 font-mono">Authorization: Bearer &lt;key&gt;</code>
          </p>
        </div>
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        inactive ? (
          <EmptyState title={inactive.title}>{inactive.body}</EmptyState>
        ) : (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        )
      ) : list.data.data.length === 0 ? (
        status ? (
          <EmptyState title={`No ${status} keys`}>Choose another status to see the rest of your keys.</EmptyState>
        ) : inactive ? (
          <EmptyState title={inactive.title}>{inactive.body}</EmptyState>
        ) : (
          <EmptyState title="No API keys yet" action={createButton}>
            API keys let your servers call the Portico API as {partnerName}. Create one per integration and environment, give it only the
            scopes it needs, and rotate it without downtime.
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            label="API keys"
            columns={keyColumns}
            data={list.data.data}
            getRowId={(k) => k.id}
            meta={{ canWrite, active, onRotate: setRotating, onRevoke: setRevoking }}
            rowProps={(k) => ({ "data-testid": `key-row-${k.id}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {creating && (
        <CreateKeyDialog
          grantedScopes={grantedScopes}
          tier={partner.data?.tier}
          tierLimit={tierLimit}
          onClose={() => setCreating(false)}
          onCreated={refresh}
        />
      )}
      {rotating && <RotateKeyDialog apiKey={rotating} onClose={() => setRotating(null)} onRotated={refresh} />}
      <ConfirmDialog
        open={!!revoking}
        title={`Revoke “${revoking?.name ?? "API key"}”?`}
        confirmLabel="Revoke key"
        danger
        busy={revoke.isPending}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      >
        {revoking && (
          <p>
            <span className="font-medium text-slate-900">{revoking.name}</span> (
            <span className="font-mono text-xs">{maskedKey(revoking)}</span>) stops working within seconds: every request made with it will be
            refused with 401. This cannot be undone.
          </p>
        )}
        {revoke.isError && (
          <div className="mt-3">
            <ErrorState error={revoke.error} />
          </div>
        )}
      </ConfirmDialog>
    </Card>
  );
}
