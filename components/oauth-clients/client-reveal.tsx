"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { discoveryPath, type CreatedOAuthClient } from "./types";

/** The one moment a client secret is visible: show it, make copying easy, and say plainly that it will not come back. */
export function ClientReveal({
  created,
  note,
  onDone,
  onCopied,
}: {
  created: CreatedOAuthClient;
  note?: string;
  onDone: () => void;
  /** The secret was copied. */
  onCopied?: () => void;
}) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const discovery = `${origin}${discoveryPath}`;
  return (
    <div className="grid grid-cols-1 gap-4">
      {created.clientSecret ? (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          <p className="font-semibold">You won&apos;t see the client secret again.</p>
          <p className="mt-0.5 text-xs">
            Copy it now and store it somewhere safe, such as your secret manager. If you lose it, rotate the secret.
          </p>
        </div>
      ) : (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700">
          Public clients have no secret: they prove themselves with PKCE on every authorization.
        </p>
      )}
      <div>
        <p className="mb-1 font-medium text-slate-800">{created.name}</p>
        <p className="mb-1 text-xs font-medium text-slate-600">Client ID</p>
        <div className="flex items-start gap-2">
          <code
            data-testid="revealed-client-id"
            className="block min-w-0 flex-1 select-all break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-xs leading-5 text-slate-800"
          >
            {created.clientId}
          </code>
          <CopyButton value={created.clientId} label="Copy ID" />
        </div>
      </div>
      {created.clientSecret && (
        <div>
          <p className="mb-1 text-xs font-medium text-slate-600">Client secret</p>
          <div className="flex items-start gap-2">
            <code
              data-testid="revealed-client-secret"
              className="block min-w-0 flex-1 select-all break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-emerald-300"
            >
              {created.clientSecret}
            </code>
            <CopyButton value={created.clientSecret} label="Copy secret" onCopied={onCopied} />
          </div>
        </div>
      )}
      <div>
        <p className="mb-1 text-xs font-medium text-slate-600">Discovery</p>
        <div className="flex items-start gap-2">
          <code className="block min-w-0 flex-1 break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-xs leading-5 text-slate-800">
            {discovery}
          </code>
          <CopyButton value={discovery} label="Copy URL" />
        </div>
        <p className="mt-1 text-xs text-slate-600">Your OAuth library reads the authorization, token and revocation endpoints from here.</p>
      </div>
      {note && <p className="text-xs text-slate-600">{note}</p>}
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
