import type { ReactNode } from "react";

export type StatTile = { label: string; value: ReactNode; hint?: ReactNode; testId?: string };

/** Figures side by side, in the usage page's tile style; a description list, so each value is read with its label. */
export function StatTiles({ tiles, className = "sm:grid-cols-3" }: { tiles: StatTile[]; className?: string }) {
  return (
    <dl className={`grid gap-4 ${className}`}>
      {tiles.map((t) => (
        <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={t.testId}>
            {t.value}
          </dd>
          {t.hint && <dd className="mt-1 text-xs text-slate-600">{t.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
