"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { SecretValue } from "./secret-value";
import type { Endpoint, EndpointSecret } from "./types";

export function RevealSecretDialog({ endpoint, onClose }: { endpoint: Endpoint; onClose: () => void }) {
  const secret = useQuery({
    queryKey: ["webhook-secret", endpoint.id],
    queryFn: () => apiFetch<EndpointSecret>(`/webhooks/endpoints/${endpoint.id}/secret`),
    gcTime: 0,
    staleTime: 0,
  });
  return (
    <Dialog open onClose={onClose} title="Signing secret" footer={<Button onClick={onClose}>Done</Button>}>
      <p className="mb-3">
        Secret for <code className="break-all font-mono text-xs">{endpoint.url}</code>
      </p>
      {secret.isPending ? (
        <LoadingState />
      ) : secret.isError ? (
        <ErrorState error={secret.error} onRetry={() => secret.refetch()} />
      ) : (
        <div className="grid gap-3">
          <SecretValue secret={secret.data.secret} testId="revealed-secret" />
          {secret.data.previousSecret && (
            <div>
              <p className="mb-1 text-xs font-medium text-slate-600">
                Previous secret
                {secret.data.previousSecretExpiresAt && (
                  <>
                    {" "}
                    (still signs; stops <Time value={secret.data.previousSecretExpiresAt} />)
                  </>
                )}
              </p>
              <SecretValue secret={secret.data.previousSecret} />
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
