"use client";

import { RotateCw, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { primaryAction, secondaryAction, StatusPanel } from "./status-panel";

/**
 * What an error boundary shows: the page failed to render. "Try again" refetches and re-renders the
 * segment; the request id (an ApiError's) or Next's digest lets support
 * find the server's log line. Never the error's message: on the server side it may say too much.
 */
export function ErrorPanel({ error, retry, home }: { error: unknown; retry: () => void; home: { href: string; label: string } }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const e = (typeof error === "object" && error !== null ? error : {}) as { digest?: unknown; requestId?: unknown };
  const reference = typeof e.requestId === "string" ? e.requestId : typeof e.digest === "string" ? e.digest : undefined;
  return (
    <StatusPanel icon={TriangleAlert} code="Error" title="This page could not be shown" tone="danger">
      <p>Something failed while loading it. Trying again often helps; if it keeps failing, tell support the reference below.</p>
      {reference && (
        <p className="text-xs text-slate-600">
          Reference: <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-700">{reference}</code>
        </p>
      )}
      <p className="flex flex-wrap justify-center gap-3 pt-4">
        <button type="button" onClick={() => retry()} className={primaryAction}>
          <RotateCw aria-hidden className="size-4" />
          Try again
        </button>
        <Link href={home.href} className={secondaryAction}>
          {home.label}
        </Link>
      </p>
    </StatusPanel>
  );
}
