"use client";

import Link from "next/link";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { partnerStatuses, type Partner, type PartnerStatus } from "@/components/partners/types";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { parseAsSearch } from "@/components/url-state/parsers";
import { modelLabels, planInForce, summarizePlan } from "./plan-summary";
import { usePricing } from "./queries";

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline";

/** One partner's plan, read per row (there is no list of plans): its model and since when, or none. */
function PlanCell({ partnerId, part }: { partnerId: string; part: "model" | "since" }) {
  const pricing = usePricing(partnerId);
  if (pricing.isPending) return <span className="text-xs text-slate-600">Loading…</span>;
  if (pricing.isError) return <span className="text-xs text-red-700">Could not load</span>;
  const { inForce: plan, scheduled } = planInForce(pricing.data);
  if (!plan) return part === "model" ? <Badge tone="yellow">{scheduled ? "starts later" : "no plan"}</Badge> : <span className="text-slate-600">—</span>;
  if (part === "since") return <Time value={plan.effectiveFrom} />;
  return (
    <span className="block">
      <span className="font-medium text-slate-900">{modelLabels[plan.model]}</span>
      <span className="block max-w-xs truncate text-xs text-slate-600" title={summarizePlan(plan)}>
        {summarizePlan(plan)}
      </span>
    </span>
  );
}

const col = dataColumnHelper<Partner>();

const columns = col.columns([
  col.accessor("name", {
    header: "Partner",
    meta: { primary: true },
    cell: ({ row: { original: p } }) => (
      // The partner's name is the way to its pricing page (no separate "Edit" column to push the table wide).
      <Link href={`/admin/billing/pricing/${p.id}`} className={linkClass}>
        {p.name}
        <span className="sr-only">: edit pricing</span>
      </Link>
    ),
  }),
  col.accessor("status", { header: "Status", meta: { hide: "lg" }, cell: (c) => <Badge>{c.getValue()}</Badge> }),
  col.display({ id: "plan", header: "Current model", meta: { wrap: true }, cell: ({ row: { original: p } }) => <PlanCell partnerId={p.id} part="model" /> }),
  col.display({ id: "since", header: "In force since", meta: { hide: "xl" }, cell: ({ row: { original: p } }) => <PlanCell partnerId={p.id} part="since" /> }),
]);

/** The default plan for new partners, and every partner with the model it is on. */
export function PricingIndex() {
  return (
    <div className="grid gap-6">
      <DefaultPlanCard />
      <PartnerPlans />
    </div>
  );
}

function DefaultPlanCard() {
  const pricing = usePricing("default");
  return (
    <Card
      title="Default plan for new partners"
      actions={
        <Link href="/admin/billing/pricing/default" className={`text-sm ${linkClass}`}>
          Edit default plan
        </Link>
      }
    >
      {pricing.isPending ? (
        <LoadingState />
      ) : pricing.isError ? (
        <ErrorState error={pricing.error} onRetry={() => pricing.refetch()} />
      ) : pricing.data ? (
        <div className="grid gap-1 text-sm" data-testid="default-plan">
          <p className="font-medium text-slate-900">{modelLabels[pricing.data.model]}</p>
          <p className="text-slate-700">{summarizePlan(pricing.data)}</p>
        </div>
      ) : (
        <p className="text-sm text-slate-700" data-testid="default-plan">
          No default plan: new partners start without pricing.
        </p>
      )}
    </Card>
  );
}

function PartnerPlans() {
  // Search and status live in the URL: a filtered list can be linked and survives reload.
  const [{ q, status }, setView] = useQueryStates({ q: parseAsSearch, status: parseAsStringLiteral(partnerStatuses) });
  const list = usePagedList<Partner>(["admin-billing", "pricing-partners"], "/partners", { q: q || undefined, status: status || undefined });
  return (
    <Card title="Partners">
      <div className="mb-4 flex flex-wrap gap-3">
        <Input type="search" aria-label="Search partners" placeholder="Search by name or slug" value={q ?? ""} onChange={(e) => setView({ q: e.target.value || null })} className="max-w-xs" />
        <Select aria-label="Filter by status" value={status ?? ""} onChange={(e) => setView({ status: (e.target.value || null) as PartnerStatus | null })} className="max-w-[12rem]">
          <option value="">All statuses</option>
          {partnerStatuses.map((s) => (
            <option key={s} value={s}>
              {s[0].toUpperCase() + s.slice(1)}
            </option>
          ))}
        </Select>
      </div>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={q || status ? "No partners match" : "No partners yet"}>{q || status ? "Try another search or status." : "Partners appear here when they sign up."}</EmptyState>
      ) : (
        <>
          <DataTable label="Partners and their pricing" columns={columns} data={list.data.data} getRowId={(p) => p.id} rowProps={(p) => ({ "data-testid": `pricing-row-${p.slug}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
