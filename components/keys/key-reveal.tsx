"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { CreatedApiKey } from "./types";

/** The one moment a secret is visible: show it, make copying easy, and say plainly that it will not come back. */
export function KeyReveal({
  created,
  note,
  onDone,
  onCopied,
}: {
  created: CreatedApiKey;
  note?: string;
  /** "Done": the reader says they have it. */
  onDone: () => void;
  /** The key (or the command holding it) was copied. */
  onCopied?: () => void;
}) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const curl = `curl -H "Authorization: Bearer ${created.key}" ${origin}/api/v1/me`;
  return (
    <div className="grid grid-cols-1 gap-4">
      <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
        <p className="font-semibold">You won&apos;t see this key again.</p>
        <p className="mt-0.5 text-xs">Copy it now and store it somewhere safe, such as your secret manager. If you lose it, rotate the key.</p>
      </div>
      <div>
        <p className="mb-1 font-medium text-slate-800">{created.name}</p>
        <div className="flex items-start gap-2">
          <code
            data-testid="revealed-key"
            className="block min-w-0 flex-1 select-all break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-emerald-300"
          >
            {created.key}
          </code>
          <CopyButton value={created.key} onCopied={onCopied} />
        </div>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-slate-600">Try it</p>
        <div className="flex items-start gap-2">
          <pre className="min-w-0 flex-1 whitespace-pre-wrap break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-xs leading-5 text-slate-800">{curl}</pre>
          <CopyButton value={curl} label="Copy command" onCopied={onCopied} />
        </div>
      </div>
      {note && <p className="text-xs text-slate-600">{note}</p>}
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
