"use client";

import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { parseAsSearch } from "@/components/url-state/parsers";
import { mailStatusLabel } from "./mail-status-badge";
import { outboxColumns } from "./outbox-columns";
import { mailKey } from "./queries";
import { mailStatuses, type MailMessage, type MailStatus } from "./types";

/** Every mail the platform wrote, newest first; status and search live in the URL (`?status=failed&q=…`). */
export function OutboxTable({ smtpConfigured }: { smtpConfigured: boolean }) {
  const [{ q, status }, setView] = useQueryStates({ q: parseAsSearch, status: parseAsStringLiteral(mailStatuses) });
  // Queued mail moves on by itself (the sender job): the list follows it while the page is open.
  const list = usePagedList<MailMessage>([...mailKey, "list"], "/mail/messages", { q: q?.trim() || undefined, status: status ?? undefined }, 20, { refetchInterval: 15_000 });
  const filtered = !!(q || status);

  return (
    <Card>
      <div className="mb-4 flex flex-wrap gap-3">
        <Input
          type="search"
          aria-label="Search mail"
          placeholder="Search by recipient or subject"
          value={q ?? ""}
          onChange={(e) => setView({ q: e.target.value || null })}
          className="max-w-xs"
        />
        <Select aria-label="Filter by status" value={status ?? ""} onChange={(e) => setView({ status: (e.target.value || null) as MailStatus | null })} className="max-w-[12rem]">
          <option value="">All statuses</option>
          {mailStatuses.map((s) => (
            <option key={s} value={s}>
              {mailStatusLabel[s]}
            </option>
          ))}
        </Select>
      </div>
      {list.isPending ? (
        <LoadingState label="Loading mail…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={filtered ? "No mail matches" : "No mail yet"}>
          {filtered
            ? "Try another search or status."
            : smtpConfigured
              ? "Mail the platform sends (notifications that users get by email) is listed here with its delivery status."
              : "Mail the platform writes (notifications that users get by email) is kept here until an SMTP server is configured."}
        </EmptyState>
      ) : (
        <div aria-busy={list.isFetching && list.isPlaceholderData}>
          <DataTable label="Mail messages" columns={outboxColumns} data={list.data.data} getRowId={(m) => m.id} rowProps={(m) => ({ "data-testid": `mail-row-${m.id}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </div>
      )}
    </Card>
  );
}
