"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { ConfirmDialog, Dialog, secretCloseGuard } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/states";
import { ClientReveal } from "./client-reveal";
import type { CreatedOAuthClient, OAuthClient } from "./types";

/** Confirm, then show the new secret once. */
export function RotateSecretDialog({ client, onClose, onRotated }: { client: OAuthClient; onClose: () => void; onRotated: () => void }) {
  const [copied, setCopied] = useState(false);
  const rotate = useMutation({
    mutationFn: () =>
      apiFetch<CreatedOAuthClient>(`/oauth-clients/${client.id}/rotate-secret`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    meta: { success: `Secret of “${client.name}” rotated`, error: false },
    onSuccess: onRotated,
  });

  if (rotate.data) {
    return (
      <Dialog open onClose={onClose} title="Client secret rotated" closeGuard={copied ? null : secretCloseGuard}>
        <ClientReveal
          created={rotate.data}
          note="The old secret no longer works. Tokens already issued keep working until they expire."
          onDone={onClose}
          onCopied={() => setCopied(true)}
        />
      </Dialog>
    );
  }

  return (
    <ConfirmDialog
      open
      title={`Rotate the secret of “${client.name}”?`}
      confirmLabel="Rotate secret"
      danger
      busy={rotate.isPending}
      onCancel={onClose}
      onConfirm={() => rotate.mutate()}
    >
      <p>
        The client gets a new secret and the current one
        {client.secretLast4 && (
          <>
            {" "}
            (ending <span className="font-mono text-xs">{client.secretLast4}</span>)
          </>
        )}{" "}
        stops working at once. Have your deployment ready to take the new secret.
      </p>
      {rotate.isError && (
        <div className="mt-3">
          <ErrorState error={rotate.error} />
        </div>
      )}
    </ConfirmDialog>
  );
}
