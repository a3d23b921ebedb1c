"use client";

import { numberFormat } from "@/components/keys/format";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useEventStats } from "./queries";

const deliveryStats = [
  { key: "pending", label: "Pending", className: "text-amber-700" },
  { key: "succeeded", label: "Succeeded", className: "text-emerald-700" },
  { key: "failed", label: "Failed", className: "text-red-700" },
  { key: "dead", label: "Dead", className: "text-red-800" },
] as const;

/** Events and deliveries over the last 7 days (the API's default window). */
export function EventStatsStrip() {
  const stats = useEventStats();
  if (stats.isPending) return <LoadingState label="Loading stats…" />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => stats.refetch()} />;
  const s = stats.data;
  return (
    <section aria-label="Last 7 days" className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      <Stat label="Events (7 days)" value={s.total} testId="stat-total" />
      {deliveryStats.map((d) => (
        <Stat key={d.key} label={`${d.label} deliveries`} value={s.deliveries[d.key]} className={d.className} testId={`stat-${d.key}`} />
      ))}
    </section>
  );
}

function Stat({ label, value, className = "text-slate-900", testId }: { label: string; value: number; className?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid={testId}>
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${className}`}>{numberFormat.format(value)}</p>
    </div>
  );
}
