"use client";

import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { parseAsId } from "@/components/url-state/parsers";
import { invoiceStatusLabel } from "../format";
import { invoiceStatuses, type Invoice, type InvoiceStatus } from "../types";
import { invoiceColumns, type InvoiceTableMeta } from "./invoice-columns";
import { parseAsPeriod } from "./period-param";
import { billingKeys, partnerName, usePartnerDirectory } from "./queries";
import { InvoiceActionDialog, type InvoiceAction } from "./record-actions";

/** Every partner's invoices, newest first, filtered by status, partner and period; mark paid or void. */
export function InvoicesTab() {
  // Filters live in the URL (`?tab=invoices&status=overdue&partner=…`): a filtered list can be linked.
  const [{ status, partner, period }, setView] = useQueryStates({ status: parseAsStringLiteral(invoiceStatuses), partner: parseAsId, period: parseAsPeriod });
  const directory = usePartnerDirectory();
  const list = usePagedList<Invoice>([...billingKeys.invoices, "list"], "/billing/invoices", {
    status: status ?? undefined,
    partnerId: partner ?? undefined,
    period: period ?? undefined,
  });
  const [acting, setActing] = useState<InvoiceAction | null>(null);
  const meta: InvoiceTableMeta = useMemo(() => ({ partnerName: (id) => partnerName(directory.data, id), onAct: setActing }), [directory.data]);
  const filtered = !!(status || partner || period);

  return (
    <Card title="Invoices">
      <div className="mb-4 flex flex-wrap gap-3">
        <Select aria-label="Filter by status" value={status ?? ""} onChange={(e) => setView({ status: (e.target.value || null) as InvoiceStatus | null })} className="max-w-[12rem]">
          <option value="">All statuses</option>
          {invoiceStatuses.map((s) => (
            <option key={s} value={s}>
              {invoiceStatusLabel[s]}
            </option>
          ))}
        </Select>
        <Select aria-label="Filter by partner" value={partner ?? ""} onChange={(e) => setView({ partner: e.target.value || null })} className="max-w-xs" disabled={directory.isPending}>
          <option value="">All partners</option>
          {directory.data?.list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Input type="month" aria-label="Filter by period" value={period ?? ""} onChange={(e) => setView({ period: e.target.value || null })} className="max-w-[12rem]" />
      </div>
      {list.isPending ? (
        <LoadingState label="Loading invoices…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={filtered ? "No invoices match" : "No invoices yet"}>
          {filtered ? "Try another status, partner or period." : "Invoices are issued by the month-end run, or by a run started on the Runs tab."}
        </EmptyState>
      ) : (
        <>
          <DataTable label="Invoices" columns={invoiceColumns} data={list.data.data} getRowId={(i) => i.id} meta={meta} rowProps={(i) => ({ "data-testid": `invoice-${i.number}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {acting && <InvoiceActionDialog acting={acting} partnerName={partnerName(directory.data, acting.invoice.partnerId)} onClose={() => setActing(null)} />}
    </Card>
  );
}
