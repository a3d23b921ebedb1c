"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";

export type AuthorizedApp = {
  id: string;
  clientId: string;
  clientName: string;
  partnerName: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "Never");

export function AuthorizedApps({ scopeLabels }: { scopeLabels: Record<string, string> }) {
  const qc = useQueryClient();
  const list = usePagedList<AuthorizedApp>(["authorizations"], "/authorizations");
  const [revoking, setRevoking] = useState<AuthorizedApp | null>(null);
  const revoke = useMutation({
    mutationFn: (a: AuthorizedApp) => apiFetch(`/authorizations/${a.id}/revoke`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ["authorizations"] });
    },
  });

  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data.data.length) {
    return <EmptyState title="No authorized apps">When you authorize an app to act for your agency, it appears here and you can revoke it.</EmptyState>;
  }
  return (
    <Card>
      <Table head={["App", "Partner", "Permissions", "Last used", ""]}>
        {list.data.data.map((a) => (
          <tr key={a.id}>
            <Td className="font-medium">{a.clientName}</Td>
            <Td>{a.partnerName}</Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {a.scopes.map((s) => (
                  <Badge key={s}>{scopeLabels[s] ?? s}</Badge>
                ))}
              </div>
            </Td>
            <Td>{when(a.lastUsedAt)}</Td>
            <Td className="text-right">
              <Button variant="danger" size="sm" onClick={() => setRevoking(a)}>
                Revoke
              </Button>
            </Td>
          </tr>
        ))}
      </Table>
      <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.clientName ?? "app"}?`}
        confirmLabel="Revoke access"
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => setRevoking(null)}
      >
        {revoking?.clientName} will immediately lose access to your agency&apos;s data. It will need to ask you again to reconnect.
        {revoke.isError && <p className="mt-2 text-red-700">{revoke.error.message}</p>}
      </ConfirmDialog>
    </Card>
  );
}
