"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { RotateSecretDialog } from "@/components/oauth-clients/rotate-secret-dialog";
import type { OAuthClient } from "@/components/oauth-clients/types";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { appKeys } from "./queries";
import type { Application, SigningSecret } from "./types";

export function CredentialsTab({ app, canWrite }: { app: Application; canWrite: boolean }) {
  if (!app.oauthClientId || !app.clientId) {
    return (
      <EmptyState title="No credentials yet">
        The app&apos;s OAuth client (client ID and secret) and its webhook signing secret are created when the app is first published. Submit it for
        review; once it is approved, publish it and the client secret is shown to you once.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-6">
      <OAuthClientCard app={app} oauthClientId={app.oauthClientId} clientId={app.clientId} canWrite={canWrite} />
      <SigningSecretCard app={app} canWrite={canWrite} />
    </div>
  );
}

function SecretLine({ label, value, testId, copyLabel, secret }: { label: string; value: string; testId?: string; copyLabel: string; secret?: boolean }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-slate-600">{label}</p>
      <div className="flex items-start gap-2">
        <code
          data-testid={testId}
          className={`block min-w-0 flex-1 select-all break-all rounded-md px-3 py-2 font-mono text-xs leading-5 ${
            secret ? "bg-slate-900 text-emerald-300" : "bg-slate-100 text-slate-800"
          }`}
        >
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} name={`${copyLabel} (${label})`} />
      </div>
    </div>
  );
}

function OAuthClientCard({ app, oauthClientId, clientId, canWrite }: { app: Application; oauthClientId: string; clientId: string; canWrite: boolean }) {
  const qc = useQueryClient();
  const client = useQuery({ queryKey: ["oauth-client", oauthClientId], queryFn: () => apiFetch<OAuthClient>(`/oauth-clients/${oauthClientId}`) });
  const [rotating, setRotating] = useState(false);
  return (
    <Card
      title="OAuth client"
      actions={
        <Link href="/oauth-clients" className="text-sm font-medium text-brand-700 hover:underline">
          OAuth clients page
        </Link>
      }
    >
      <div className="grid gap-4">
        <SecretLine label="Client ID" value={clientId} testId="app-client-id" copyLabel="Copy ID" />
        <div>
          <p className="mb-1 text-xs font-medium text-slate-600">Client secret</p>
          {client.isPending ? (
            <LoadingState label="Loading client…" />
          ) : client.isError ? (
            <ErrorState error={client.error} onRetry={() => client.refetch()} />
          ) : (
            <div className="flex flex-wrap items-center gap-3">
              <code className="rounded-md bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800">
                {client.data.secretLast4 ? `••••••••${client.data.secretLast4}` : "—"}
              </code>
              {canWrite && (
                <Button variant="dangerOutline" size="sm" onClick={() => setRotating(true)}>
                  Rotate secret
                </Button>
              )}
            </div>
          )}
          <p className="mt-1 text-xs text-slate-600">
            Only the last four characters are kept on view. The client&apos;s redirect URIs and scopes follow the live version ({app.liveVersion?.version}
            ): they change when you publish a new one.
          </p>
        </div>
      </div>
      {rotating && client.data && (
        <RotateSecretDialog
          client={client.data}
          onClose={() => setRotating(false)}
          onRotated={() => {
            void qc.invalidateQueries({ queryKey: ["oauth-client", oauthClientId] });
            void qc.invalidateQueries({ queryKey: ["oauth-clients"] });
          }}
        />
      )}
    </Card>
  );
}

function SigningSecretCard({ app, canWrite }: { app: Application; canWrite: boolean }) {
  const qc = useQueryClient();
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const secret = useQuery({
    queryKey: appKeys.signingSecret(app.id),
    queryFn: () => apiFetch<SigningSecret>(`/applications/${app.id}/signing-secret`),
    enabled: shown,
    staleTime: Infinity,
  });
  const rotate = useMutation({
    mutationFn: () => apiFetch<SigningSecret>(`/applications/${app.id}/signing-secret/rotate`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    meta: { success: "Signing secret rotated: the old one works for 24 more hours", error: false },
    onSuccess: (s) => {
      qc.setQueryData(appKeys.signingSecret(app.id), s);
      setShown(true);
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: appKeys.timeline(app.id) });
    },
  });

  return (
    <Card title="Webhook signing secret">
      <p className="mb-4 text-sm text-slate-600">
        Portico signs every webhook to the app with this secret (Standard Webhooks: <code className="font-mono text-xs">webhook-signature</code>).
        Verify it with any Standard Webhooks library.
      </p>
      {!canWrite ? (
        <p className="text-sm text-slate-600">Your role cannot read the signing secret.</p>
      ) : !shown ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setShown(true)}>
            Reveal
          </Button>
          <Button variant="dangerOutline" onClick={() => setConfirming(true)}>
            Rotate
          </Button>
        </div>
      ) : secret.isPending ? (
        <LoadingState label="Loading secret…" />
      ) : secret.isError ? (
        <ErrorState error={secret.error} onRetry={() => secret.refetch()} />
      ) : (
        <div className="grid gap-4">
          <SecretLine label="Signing secret" value={secret.data.secret} testId="app-signing-secret" copyLabel="Copy secret" secret />
          {secret.data.previousSecret && (
            <div>
              <SecretLine label="Previous secret" value={secret.data.previousSecret} copyLabel="Copy previous" secret />
              <p className="mt-1 text-xs text-slate-600">
                Deliveries carry signatures with both secrets until <Time value={secret.data.previousSecretExpiresAt} />.
              </p>
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setShown(false)}>
              Hide
            </Button>
            <Button variant="dangerOutline" onClick={() => setConfirming(true)}>
              Rotate
            </Button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Rotate the signing secret of “${app.name}”?`}
        confirmLabel="Rotate secret"
        danger
        busy={rotate.isPending}
        onCancel={() => {
          setConfirming(false);
          rotate.reset();
        }}
        onConfirm={() => rotate.mutate()}
      >
        <p>
          A new secret signs webhooks from now on. For 24 hours every delivery also carries a signature made with the current secret, so your app keeps
          verifying while you deploy the new one; after that only the new one is used.
        </p>
        {rotate.isError && (
          <div className="mt-3">
            <ErrorState error={rotate.error} />
          </div>
        )}
      </ConfirmDialog>
    </Card>
  );
}
