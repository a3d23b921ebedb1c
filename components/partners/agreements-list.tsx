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
import { Time } from "@/components/ui/time";
import type { Agreement } from "./types";

export function AgreementsList({ partnerId, canAccept }: { partnerId: string; canAccept: boolean }) {
  const qc = useQueryClient();
  const list = usePagedList<Agreement>(["agreements", partnerId], `/partners/${partnerId}/agreements`);
  const [accepting, setAccepting] = useState<Agreement | null>(null);
  const accept = useMutation({
    mutationFn: (a: Agreement) => apiFetch(`/partners/${partnerId}/agreements/${a.id}/accept`, { method: "POST" }),
    meta: { success: (_: unknown, a: Agreement) => `“${a.title}” accepted`, error: false },
    onSuccess: () => {
      setAccepting(null);
      qc.invalidateQueries({ queryKey: ["agreements", partnerId] });
      qc.invalidateQueries({ queryKey: ["partner-stats", partnerId] });
    },
  });

  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (list.data.data.length === 0) {
    return <EmptyState title="No agreements yet" level={2}>When the Portico team issues your partner agreement, it appears here for your owner to accept.</EmptyState>;
  }
  return (
    <div className="space-y-4">
      {list.data.data.map((a) => (
        <Card
          key={a.id}
          title={
            <span className="flex items-center gap-2">
              {a.title} <span className="font-normal text-slate-600">v{a.version}</span>
            </span>
          }
          actions={a.acceptedAt ? <Badge tone="green">accepted</Badge> : <Badge tone="yellow">awaiting acceptance</Badge>}
        >
          {/* Scrolls when long: focusable so keyboard users can scroll it too. */}
          <div
            tabIndex={0}
            role="region"
            aria-label={`${a.title} text`}
            className="max-h-48 overflow-y-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm text-slate-700"
          >
            {a.body}
          </div>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
            <span>
              {a.acceptedAt ? "Accepted" : "Issued"} <Time value={a.acceptedAt ?? a.createdAt} />
            </span>
            {!a.acceptedAt &&
              (canAccept ? (
                <Button onClick={() => setAccepting(a)}>Accept agreement</Button>
              ) : (
                <span className="text-slate-600">Your partner&apos;s owner accepts agreements.</span>
              ))}
          </div>
        </Card>
      ))}
      <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
      <ConfirmDialog
        open={!!accepting}
        title="Accept this agreement?"
        confirmLabel="I accept"
        busy={accept.isPending}
        onCancel={() => setAccepting(null)}
        onConfirm={() => accepting && accept.mutate(accepting)}
      >
        <p>
          You accept <strong>{accepting?.title}</strong> (version {accepting?.version}) on behalf of your company. Your name, the time and your
          IP address are recorded.
        </p>
        {accept.isError && (
          <div className="mt-3">
            <ErrorState error={accept.error} />
          </div>
        )}
      </ConfirmDialog>
    </div>
  );
}
