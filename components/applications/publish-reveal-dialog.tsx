"use client";

import { useState } from "react";
import { ClientReveal } from "@/components/oauth-clients/client-reveal";
import type { CreatedOAuthClient } from "@/components/oauth-clients/types";
import { Dialog, secretCloseGuard } from "@/components/ui/confirm-dialog";
import type { PublishedApplication } from "./types";

/** The app's new OAuth client as the reveal panel shows it: its id and, this once, its secret. */
function revealedClient(app: PublishedApplication & { clientSecret: string }): CreatedOAuthClient {
  const live = app.liveVersion ?? app.currentVersion;
  return {
    id: app.oauthClientId ?? "",
    clientId: app.clientId ?? "",
    name: app.name,
    type: "confidential",
    redirectUris: live.redirectUris,
    grantTypes: ["authorization_code", "refresh_token"],
    scopes: live.requestedScopes,
    status: "active",
    secretLast4: app.clientSecret.slice(-4),
    applicationId: app.id,
    activeTokens: 0,
    createdAt: app.publishedAt ?? app.updatedAt,
    updatedAt: app.updatedAt,
    clientSecret: app.clientSecret,
  };
}

/** After the first publish: the app's OAuth client secret, shown once. */
export function PublishRevealDialog({ app, onClose }: { app: PublishedApplication & { clientSecret: string }; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog open onClose={onClose} title={`${app.name} is published`} closeGuard={copied ? null : secretCloseGuard}>
      <p className="mb-4">
        Customers can now install it. Its OAuth client is below: configure your app with the client ID and secret. The webhook signing secret is on
        the Credentials tab.
      </p>
      <ClientReveal created={revealedClient(app)} onDone={onClose} onCopied={() => setCopied(true)} />
    </Dialog>
  );
}
