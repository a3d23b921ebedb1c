"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import { ConfirmDialog, Dialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/states";
import { ClientReveal } from "./client-reveal";
import type { CreatedOAuthClient, OAuthClient } from "./types";

/** Confirm, then show the new secret once. */
export function RotateSecretDialog({ client, onClose, onRotated }: { client: OAuthClient; onClose: () => void; onRotated: () => void }) {
  const rotate = useMutation({
    mutationFn: () =>
      apiFetch<CreatedOAuthClient>(`/oauth-clients/${client.id}/rotate-secret`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    onSuccess: onRotated,
  });

  if (rotate.data) {
    return (
      <Dialog open onClose={onClose} title="Client secret rotated">
        <ClientReveal created={rotate.data} note="The old secret no longer works. Tokens already issued keep working until they expire." onDone={onClose} />
      </Dialog>
    );
  }

  return (
    <ConfirmDialog
      open
      title="Rotate client secret?"
      confirmLabel="Rotate secret"
      busy={rotate.isPending}
      onCancel={onClose}
      onConfirm={() => rotate.mutate()}
    >
      <p>
        <span className="font-medium text-slate-900">{client.name}</span> gets a new secret and the current one
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
