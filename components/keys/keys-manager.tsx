"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { inactivePartnerCopy, NotInRole, type FeatureCopy } from "@/components/partners/partner-feature-gate";
import type { Partner } from "@/components/partners/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { CreateKeyDialog } from "./create-key-dialog";
import { formatDate, formatDateTime, maskedKey, numberFormat, relativeTime, useNow } from "./format";
import { RotateKeyDialog } from "./rotate-key-dialog";
import type { ApiKey } from "./types";

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
  const now = useNow();
  const [status, setStatus] = useState("");
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
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              list.reset();
            }}
            className="max-w-[12rem]"
          >
            <option value="">All statuses</option>
            <option value="active">Active</option>
            <option value="expiring">Expiring</option>
            <option value="revoked">Revoked</option>
            <option value="expired">Expired</option>
          </Select>
          <p className="text-xs text-slate-500">
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
          <Table head={["Name", "Scopes", "Status", "Created", "Last used", "Expires", ""]}>
            {list.data.data.map((k) => {
              const live = k.status === "active" || k.status === "expiring";
              return (
                <tr key={k.id} data-testid={`key-row-${k.id}`}>
                  <Td>
                    <span className="block max-w-[16rem] truncate font-medium text-slate-900" title={k.name}>
                      {k.name}
                    </span>
                    <code className="block font-mono text-xs text-slate-700">{maskedKey(k)}</code>
                    <span className="block text-xs text-slate-500">
                      {numberFormat.format(k.ratelimitPerMinute)} req/min{k.customRatelimit ? " · own limit" : ""}
                    </span>
                  </Td>
                  <Td>
                    <Scopes scopes={k.scopes} />
                  </Td>
                  <Td>
                    <Badge>{k.status}</Badge>
                    {k.status === "expiring" && k.graceEndsAt && (
                      <span className="block text-xs text-amber-800" title={formatDateTime(k.graceEndsAt)}>
                        {Date.parse(k.graceEndsAt) > now ? `expires ${relativeTime(k.graceEndsAt, now)}` : "expires now"}
                      </span>
                    )}
                    {k.status === "revoked" && k.revokedAt && (
                      <span className="block text-xs text-slate-500" title={formatDateTime(k.revokedAt)}>
                        {relativeTime(k.revokedAt, now)}
                      </span>
                    )}
                  </Td>
                  <Td>
                    <span title={formatDateTime(k.createdAt)}>{formatDate(k.createdAt)}</span>
                    <span className="block max-w-[10rem] truncate text-xs text-slate-500">
                      {k.createdBy ? `by ${k.createdBy.name}` : k.rotatedFromId ? "by rotation" : ""}
                    </span>
                  </Td>
                  <Td>
                    {k.lastUsedAt ? (
                      <span title={formatDateTime(k.lastUsedAt)}>{relativeTime(k.lastUsedAt, now)}</span>
                    ) : (
                      <span className="text-slate-400">never</span>
                    )}
                  </Td>
                  <Td>
                    {k.expiresAt ? (
                      <span title={formatDateTime(k.expiresAt)}>{formatDate(k.expiresAt)}</span>
                    ) : (
                      <span className="text-slate-400">never</span>
                    )}
                  </Td>
                  <Td className="text-right">
                    {canWrite && live && (
                      <span className="flex justify-end gap-2">
                        {active && k.status === "active" && (
                          <Button size="sm" variant="secondary" onClick={() => setRotating(k)}>
                            Rotate
                          </Button>
                        )}
                        <Button size="sm" variant="ghost" onClick={() => setRevoking(k)}>
                          Revoke
                        </Button>
                      </span>
                    )}
                  </Td>
                </tr>
              );
            })}
          </Table>
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
        title="Revoke API key?"
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
