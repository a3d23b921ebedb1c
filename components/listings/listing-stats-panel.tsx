"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { parseAsNumberLiteral, useQueryState } from "nuqs";
import { apiFetch } from "@/components/api/api-fetch";
import { Card } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { formatDay } from "@/components/ui/time";
import type { ListingStats } from "@/lib/marketplace/schemas";
import { ListingStatsChart, type StatsRow } from "./listing-stats-chart";
import { formatRate, type Visibility } from "./listing-status";

const ranges = [
  { value: 7, label: "7 days" },
  { value: 30, label: "30 days" },
  { value: 90, label: "90 days" },
] as const;

const count = new Intl.NumberFormat("en-US");

const emptyReason: Record<Visibility, string> = {
  public: "Counts appear here within seconds of customers finding the listing in search or opening its page.",
  awaiting_app: "Customers cannot see the listing yet: counting starts once it is public.",
  deprecated: "The listing is out of search now: only visits to its page still count.",
  delisted: "A delisted listing is hidden from customers, so there is nothing to count until it is relisted.",
};
const dayLabel = (day: string) => formatDay(new Date(`${day}T00:00:00Z`));

export const listingStatsKey = (slug: string, days: number) => ["listing-stats", slug, days] as const;

function rowsOf(stats: ListingStats): StatsRow[] {
  return stats.days.map((d) => ({ ...d, label: dayLabel(d.day), ctr: d.impressions ? (d.clicks / d.impressions) * 100 : null }));
}

/** Views, search impressions, clicks and click-through for the last 7, 30 or 90 days (`?days=` in the URL). */
export function ListingStatsPanel({ slug, visibility }: { slug: string; visibility: Visibility }) {
  const [days, setDays] = useQueryState("days", parseAsNumberLiteral(ranges.map((r) => r.value)).withDefault(30));
  const stats = useQuery({
    queryKey: listingStatsKey(slug, days),
    queryFn: () => apiFetch<ListingStats>(`/marketplace/listings/${encodeURIComponent(slug)}/stats?days=${days}`),
    placeholderData: keepPreviousData,
    // Counts are written about once a second: an open tab stays current.
    refetchInterval: 30_000,
  });
  const first = stats.data?.days[0]?.day;
  const last = stats.data?.days.at(-1)?.day;

  return (
    <Card
      title="Performance"
      actions={<Segmented label="Date range" options={ranges} value={days} onChange={(d) => void setDays(d)} />}
    >
      {stats.isPending ? (
        <LoadingState label="Loading statistics…" />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <div className="grid gap-5" aria-busy={stats.isFetching && stats.isPlaceholderData}>
          <Tiles totals={stats.data.totals} />
          {stats.data.totals.views + stats.data.totals.impressions === 0 ? (
            <EmptyState title={`No views or search impressions in the last ${days} days`}>
              {emptyReason[visibility]}
            </EmptyState>
          ) : (
            <ListingStatsChart rows={rowsOf(stats.data)} />
          )}
          {first && last && (
            <p className="text-xs text-slate-600">
              {dayLabel(first)} – {dayLabel(last)} (UTC). Click-through rate: clicks from search results ÷ search impressions.
              {stats.isFetching && !stats.isPending ? " Updating…" : ""}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

function Tiles({ totals }: { totals: ListingStats["totals"] }) {
  const tiles = [
    { label: "Views", value: count.format(totals.views), testId: "stats-views" },
    { label: "Search impressions", value: count.format(totals.impressions), testId: "stats-impressions" },
    { label: "Clicks from search", value: count.format(totals.clicks), testId: "stats-clicks" },
    { label: "Click-through rate", value: formatRate(totals.clickThroughRate), testId: "stats-ctr" },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((t) => (
        <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={t.testId}>
            {t.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
