import type { ReactNode } from "react";

/** One figure with its name above and a line of context below (the admin billing overview). */
export function KpiCard({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
      {/* Wraps rather than truncates: a figure cut to "$42,097.…" would read as a different amount. */}
      <p className="mt-1 text-xl font-semibold break-words tabular-nums text-slate-900 xl:text-2xl">{value}</p>
      {detail && <p className="mt-1 text-xs text-slate-600">{detail}</p>}
    </div>
  );
}
