"use client";

import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import type { PricingPlan } from "@/lib/billing/schemas";
import { modelLabels, summarizePlan } from "./plan-summary";

const col = dataColumnHelper<PricingPlan & { current: boolean }>();

const historyColumns = col.columns([
  col.accessor("effectiveFrom", {
    header: "Effective from",
    meta: { primary: true },
    cell: ({ row: { original: p } }) => (
      <span className="flex flex-wrap items-center gap-2">
        <Time value={p.effectiveFrom} />
        {p.current && <Badge tone="green">current</Badge>}
      </span>
    ),
  }),
  col.accessor("model", { header: "Model", cell: (c) => modelLabels[c.getValue()] }),
  col.display({ id: "summary", header: "Summary", meta: { wrap: true }, cell: ({ row: { original: p } }) => <span className="text-slate-700">{summarizePlan(p)}</span> }),
]);

/**
 * Every plan the partner has had, newest first. A period is billed with the plans in force during
 * it, so an old plan still explains an old invoice. "Current" is the plan in force now (a plan
 * set to start later is listed above it).
 */
export function PlanHistory({ history, now = new Date() }: { history: PricingPlan[]; now?: Date }) {
  const inForce = history.find((p) => Date.parse(p.effectiveFrom) <= now.getTime())?.id;
  const rows = history.map((p) => ({ ...p, current: p.id === inForce }));
  return (
    <Card title="Plan history">
      {rows.length === 0 ? (
        <EmptyState title="No plans yet">Saved plans are listed here, each with the day it took effect.</EmptyState>
      ) : (
        <DataTable label="Plan history" columns={historyColumns} data={rows} getRowId={(p) => p.id} rowProps={(p) => ({ "data-testid": `plan-${p.id}` })} />
      )}
    </Card>
  );
}
