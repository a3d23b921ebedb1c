"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import type { Partner } from "@/components/partners/types";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { Ban, CircleCheck, ExternalLink } from "lucide-react";
import { StatusActionDialog } from "./status-action-dialog";

export function PartnersTable() {
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const list = usePagedList<Partner>(["partners"], "/partners", { q: q || undefined, status: status || undefined });
  const [acting, setActing] = useState<{ partner: Partner; action: "activate" | "suspend" } | null>(null);

  return (
    <Card>
      <div className="mb-4 flex flex-wrap gap-3">
        <Input
          type="search"
          aria-label="Search partners"
          placeholder="Search by name or slug"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            list.reset();
          }}
          className="max-w-xs"
        />
        <Select
          aria-label="Filter by status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            list.reset();
          }}
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
          <Table label="Partners" head={["Partner", "Status", { header: "Tier", hide: "lg" }, "Joined", { header: "Actions", srOnly: true }]}>
            {list.data.data.map((p) => (
              <tr key={p.id} data-testid={`partner-row-${p.slug}`}>
                <Td primary>
                  <Link href={`/admin/partners/${p.id}`} className="font-medium text-slate-900 hover:underline">
                    {p.name}
                  </Link>
                  <span className="block font-mono text-xs text-slate-600">{p.slug}</span>
                </Td>
                <Td label="Status">
                  <Badge>{p.status}</Badge>
                  {p.statusReason && (
                    <span className="block max-w-xs truncate text-xs text-slate-600" title={p.statusReason}>
                      {p.statusReason}
                    </span>
                  )}
                </Td>
                <Td label="Tier" hide="lg">
                  {p.tier}
                </Td>
                <Td label="Joined">
                  <Time value={p.createdAt} />
                </Td>
                <Td actions>
                  <RowActions label={`Actions for ${p.name}`}>
                    <DropdownMenuItem asChild>
                      <Link href={`/admin/partners/${p.id}`}>
                        <ExternalLink aria-hidden /> View details
                      </Link>
                    </DropdownMenuItem>
                    {p.status !== "active" && (
                      <DropdownMenuItem onSelect={() => setActing({ partner: p, action: "activate" })}>
                        <CircleCheck aria-hidden /> Approve…
                      </DropdownMenuItem>
                    )}
                    {(p.status === "active" || p.status === "pending") && (
                      <>
                        <DropdownMenuSeparator />
                        <DropdownMenuItem destructive onSelect={() => setActing({ partner: p, action: "suspend" })}>
                          <Ban aria-hidden /> Suspend…
                        </DropdownMenuItem>
                      </>
                    )}
                  </RowActions>
                </Td>
              </tr>
            ))}
          </Table>
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
