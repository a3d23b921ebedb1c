"use client";

import { useQueryClient } from "@tanstack/react-query";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { useState } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import { partnerStatuses, type Partner, type PartnerStatus } from "@/components/partners/types";
import { parseAsSearch } from "@/components/url-state/parsers";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { partnerColumns } from "./partner-columns";
import { StatusActionDialog } from "./status-action-dialog";

export function PartnersTable() {
  const qc = useQueryClient();
  // Search and status live in the URL: a filtered list can be linked and survives reload.
  const [{ q, status }, setView] = useQueryStates({ q: parseAsSearch, status: parseAsStringLiteral(partnerStatuses) });
  const list = usePagedList<Partner>(["partners"], "/partners", { q: q || undefined, status: status || undefined });
  const [acting, setActing] = useState<{ partner: Partner; action: "activate" | "suspend" } | null>(null);

  return (
    <Card>
      <div className="mb-4 flex flex-wrap gap-3">
        <Input
          type="search"
          aria-label="Search partners"
          placeholder="Search by name or slug"
          value={q ?? ""}
          onChange={(e) => setView({ q: e.target.value || null })}
          className="max-w-xs"
        />
        <Select
          aria-label="Filter by status"
          value={status ?? ""}
          onChange={(e) => setView({ status: (e.target.value || null) as PartnerStatus | null })}
          className="max-w-[12rem]"
        >
          <option value="">All statuses</option>
          <option value="pending">Pending</option>
          <option value="active">Active</option>
          <option value="suspended">Suspended</option>
          <option value="rejected">Rejected</option>
        </Select>
      </div>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={q || status ? "No partners match" : "No partners yet"}>
          {q || status ? "Try another search or status." : "Partners appear here when they sign up."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            label="Partners"
            columns={partnerColumns}
            data={list.data.data}
            getRowId={(p) => p.id}
            meta={{ onAct: (partner, action) => setActing({ partner, action }) }}
            rowProps={(p) => ({ "data-testid": `partner-row-${p.slug}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {acting && (
        <StatusActionDialog
          partner={acting.partner}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            qc.invalidateQueries({ queryKey: ["partners"] });
          }}
        />
      )}
    </Card>
  );
}
