"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { integrationKey } from "./queries";

/** The danger zone: uninstall, after a confirmation that says what happens. Members are told to ask an admin. */
export function UninstallCard({
  integrationId,
  appName,
  partnerName,
  disabledReason,
}: {
  integrationId: string;
  appName: string;
  partnerName: string;
  /** Why the viewer cannot uninstall (a member, already disconnected); undefined when they can. */
  disabledReason?: string;
}) {
  const router = useRouter();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const uninstall = useMutation({
    mutationFn: () => apiFetch<unknown>(`/marketplace/installations/${integrationId}/uninstall`, { method: "POST", body: {} }),
    meta: { success: `${appName} uninstalled` },
    onSuccess: () => {
      setAsking(false);
      void qc.invalidateQueries({ queryKey: integrationKey(integrationId) });
      void qc.invalidateQueries({ queryKey: ["integrations"] });
      router.refresh();
    },
  });
  return (
    <Card title="Danger zone" className="border-red-200">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="min-w-0 max-w-prose text-sm text-slate-700">
          <p className="font-medium text-slate-900">Uninstall {appName}</p>
          <p className="mt-1">Its access to your agency ends at once. Its history (health checks, errors, metrics) stays on this page.</p>
          {disabledReason && (
            <p className="mt-2 text-slate-600" data-testid="uninstall-disabled">
              {disabledReason}
            </p>
          )}
        </div>
        {!disabledReason && (
          <Button variant="dangerOutline" onClick={() => setAsking(true)}>
            Uninstall
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={asking}
        title={`Uninstall “${appName}”?`}
        confirmLabel="Uninstall"
        danger
        busy={uninstall.isPending}
        onConfirm={() => uninstall.mutate()}
        onCancel={() => setAsking(false)}
      >
        <ul className="list-disc space-y-1 pl-5">
          <li>{appName} loses access to your agency at once: every token it holds is revoked, and it gets no more events.</li>
          <li>{partnerName}, who makes the app, is told that you uninstalled it.</li>
          <li>The history stays: health checks, errors and metrics remain on this page. Installing again starts a new integration.</li>
        </ul>
      </ConfirmDialog>
    </Card>
  );
}
