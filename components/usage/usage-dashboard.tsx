"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { parseAsNumberLiteral, useQueryStates } from "nuqs";
import { apiFetch, type Page } from "@/components/api/api-fetch";
import { maskedKey, numberFormat, useNow } from "@/components/keys/format";
import type { ApiKey, UsageSeries } from "@/components/keys/types";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { Segmented } from "@/components/ui/segmented";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { formatDay } from "@/components/ui/time";
import { parseAsId } from "@/components/url-state/parsers";
import { routeGroupColumns } from "./route-group-columns";
import { UsageChart, type ChartRow, type ChartSeries } from "./usage-chart";

const ranges = [
  { value: 7, label: "7 days" },
  { value: 30, label: "30 days" },
  { value: 90, label: "90 days" },
] as const;

const keyColors = ["#2a55db", "#0d9488", "#f59e0b", "#db2777", "#0891b2", "#65a30d", "#9333ea", "#ea580c"];
const outcomeSeries: ChartSeries[] = [
  { dataKey: "success", name: "Success", color: "#10b981" },
  { dataKey: "clientErrors", name: "4xx", color: "#f59e0b" },
  { dataKey: "serverErrors", name: "5xx", color: "#dc2626" },
];
/** Beyond this many keys the chart folds the quietest into "Other keys". */
const maxKeySeries = 7;

const dayMs = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayLabel = (day: string) => formatDay(new Date(`${day}T00:00:00Z`));
const percent = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;

/** Every day of the range (UTC), so quiet days show as gaps rather than disappearing. */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < 400; t += dayMs) out.push(isoDay(t));
  return out;
}

function chartData(usage: UsageSeries, singleKey: boolean, keysById: Map<string, ApiKey>): { rows: ChartRow[]; series: ChartSeries[] } {
  const byDay = new Map(usage.days.map((d) => [d.day, d]));
  const keys = [...(usage.byKey ?? [])]
    .map((k) => ({ ...k, total: k.days.reduce((n, d) => n + d.calls, 0) }))
    .filter((k) => k.total > 0)
    .sort((a, b) => b.total - a.total);
  const perKey = !singleKey && keys.length > 0;
  const shown = keys.length > maxKeySeries + 1 ? keys.slice(0, maxKeySeries) : keys;
  const folded = keys.slice(shown.length);
  // A rotated key keeps its name: tell same-named keys apart by their last four characters.
  const label = (k: { keyId: string; name: string | null }) => {
    const name = k.name ?? "Deleted key";
    const twin = shown.some((o) => o.keyId !== k.keyId && (o.name ?? "Deleted key") === name);
    const known = keysById.get(k.keyId);
    return twin ? `${name} …${known?.last4 ?? k.keyId.slice(0, 4)}` : name;
  };

  const rows = daysBetween(usage.from, usage.to).map((day) => {
    const d = byDay.get(day);
    const calls = d?.calls ?? 0;
    const row: ChartRow = { day, label: dayLabel(day), errorRate: calls ? ((d!.clientErrors + d!.serverErrors) / calls) * 100 : null };
    if (perKey) {
      shown.forEach((k, i) => (row[`k${i}`] = k.days.find((x) => x.day === day)?.calls ?? 0));
      if (folded.length) row.other = folded.reduce((n, k) => n + (k.days.find((x) => x.day === day)?.calls ?? 0), 0);
    } else {
      row.success = d?.success ?? 0;
      row.clientErrors = d?.clientErrors ?? 0;
      row.serverErrors = d?.serverErrors ?? 0;
    }
    return row;
  });
  const series: ChartSeries[] = perKey
    ? [
        ...shown.map((k, i) => ({ dataKey: `k${i}`, name: label(k), color: keyColors[i % keyColors.length] })),
        ...(folded.length ? [{ dataKey: "other", name: `${folded.length} other keys`, color: "#94a3b8" }] : []),
      ]
    : outcomeSeries;
  return { rows, series };
}

export function UsageDashboard({ partnerId, canReadKeys }: { partnerId: string; canReadKeys: boolean }) {
  // In the URL (`?range=7&key=…`): a view of one key's week can be linked and survives reload.
  const [{ range, key: keyParam }, setView] = useQueryStates({
    range: parseAsNumberLiteral(ranges.map((r) => r.value)).withDefault(30),
    key: parseAsId,
  });
  const keyId = keyParam ?? "";
  const now = useNow(60_000);
  const to = isoDay(now);
  const from = isoDay(Date.parse(`${to}T00:00:00Z`) - (range - 1) * dayMs);

  const keys = useQuery({
    queryKey: ["keys", partnerId, "all"],
    queryFn: () => apiFetch<Page<ApiKey>>("/keys?limit=100"),
    enabled: canReadKeys,
  });
  const usage = useQuery({
    queryKey: ["usage", partnerId, from, to, keyId],
    queryFn: () => apiFetch<UsageSeries>(`/billing/usage?${new URLSearchParams({ from, to, ...(keyId ? { keyId } : {}) })}`),
    placeholderData: keepPreviousData,
    // New calls show up within seconds of being made; keep an open tab current.
    refetchInterval: 15_000,
  });
  const selectedKey = keys.data?.data.find((k) => k.id === keyId);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <Segmented label="Date range" options={ranges} value={range} onChange={(r) => setView({ range: r })} />
        {canReadKeys && (
          <Select aria-label="Key" value={keyId} onChange={(e) => setView({ key: e.target.value || null })} className="max-w-xs" disabled={keys.isPending}>
            <option value="">All keys</option>
            {keys.data?.data.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name} ({maskedKey(k)}){k.status === "revoked" || k.status === "expired" ? ` · ${k.status}` : ""}
              </option>
            ))}
          </Select>
        )}
        <span className="text-xs text-slate-600">
          {dayLabel(from)} – {dayLabel(to)} (UTC){usage.isFetching && !usage.isPending ? " · updating…" : ""}
        </span>
      </div>

      {usage.isPending ? (
        <LoadingState label="Loading usage…" />
      ) : usage.isError ? (
        <ErrorState error={usage.error} onRetry={() => usage.refetch()} />
      ) : (
        <UsageBody usage={usage.data} range={range} keyName={selectedKey?.name} singleKey={!!keyId} keys={keys.data?.data ?? []} />
      )}
    </div>
  );
}

function UsageBody({
  usage,
  range,
  keyName,
  singleKey,
  keys,
}: {
  usage: UsageSeries;
  range: number;
  keyName?: string;
  singleKey: boolean;
  keys: ApiKey[];
}) {
  const { totals } = usage;
  const tiles = [
    { label: "Calls", value: numberFormat.format(totals.calls), testId: "usage-calls" },
    { label: "Errors (4xx + 5xx)", value: numberFormat.format(totals.errors), testId: "usage-errors" },
    { label: "Error rate", value: totals.calls ? percent(totals.errorRate) : "—", testId: "usage-error-rate" },
  ];
  if (totals.calls === 0) {
    return (
      <EmptyState
        level={2}
        title={singleKey ? `No calls with ${keyName ?? "this key"} yet` : "No API calls yet"}
        action={
          <Link href="/keys" className="text-sm font-medium text-brand-700 hover:underline">
            Manage API keys →
          </Link>
        }
      >
        Calls made with your keys appear here within a few seconds. Nothing was recorded in the last {range} days.
      </EmptyState>
    );
  }
  const { rows, series } = chartData(usage, singleKey, new Map(keys.map((k) => [k.id, k])));
  const groups = [...(usage.byRouteGroup ?? [])].sort((a, b) => b.calls - a.calls);
  const groupTotal = groups.reduce((n, g) => n + g.calls, 0);

  return (
    <>
      <div className="grid gap-4 sm:grid-cols-3">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.label}</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid={t.testId}>
              {t.value}
            </p>
          </div>
        ))}
      </div>
      <Card title={singleKey ? `Calls per day · ${keyName ?? "selected key"}` : "Calls per day by key"}>
        <UsageChart rows={rows} series={series} />
      </Card>
      <Card title="Calls by route group">
        {groups.length === 0 ? (
          <p className="text-sm text-slate-600">No route breakdown for this period.</p>
        ) : (
          <DataTable
            label="Calls by route group"
            columns={routeGroupColumns}
            data={groups}
            getRowId={(g) => g.routeGroup}
            meta={{ total: groupTotal }}
          />
        )}
      </Card>
    </>
  );
}
