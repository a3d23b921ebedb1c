import type { ReactNode } from "react";

export function EmptyState({
  title,
  children,
  action,
  level = 3,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** 3 inside a card (under its h2); 2 straight under the page's h1. */
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <Heading className="text-sm font-semibold text-slate-900">{title}</Heading>
      {children && <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{children}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 px-2 py-8 text-sm text-slate-600">
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
      {label}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const e = error as { message?: string; requestId?: string };
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <p className="font-medium">Something went wrong.</p>
      <p className="mt-1">{e?.message ?? String(error)}</p>
      {e?.requestId && <p className="mt-1 text-xs text-red-700">Request id: {e.requestId}</p>}
      {onRetry && (
        <button className="mt-2 text-sm font-medium underline" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function NotBuiltYet({ what }: { what: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center">
      <p className="text-sm font-semibold text-slate-900">{what} is not built yet.</p>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        This part of Portico is on the roadmap. Nothing here is simulated: when it ships, this page will show your real data.
      </p>
    </div>
  );
}
