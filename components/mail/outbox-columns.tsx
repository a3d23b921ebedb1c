"use client";

import Link from "next/link";
import { kindLabel } from "@/components/notifications/kinds";
import { dataColumnHelper } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { MailStatusBadge } from "./mail-status-badge";
import type { MailMessage } from "./types";

const col = dataColumnHelper<MailMessage>();

export const outboxColumns = col.columns([
  col.accessor("subject", {
    header: "Subject",
    cell: (c) => (
      <Link href={`/admin/outbox/${c.row.original.id}`} className="font-medium text-slate-900 hover:underline [overflow-wrap:anywhere]">
        {c.getValue()}
      </Link>
    ),
    meta: { primary: true, wrap: true, className: "md:max-w-sm" },
  }),
  col.accessor("to", { header: "To", cell: (c) => <span className="[overflow-wrap:anywhere]">{c.getValue()}</span> }),
  col.accessor("kind", {
    header: "Kind",
    cell: (c) => {
      const { group, label } = kindLabel(c.getValue());
      return (
        <span title={c.getValue()}>
          {group} · {label}
        </span>
      );
    },
    meta: { hide: "xl" },
  }),
  col.accessor("status", { header: "Status", cell: (c) => <MailStatusBadge status={c.getValue()} /> }),
  col.accessor("attempts", { header: "Attempts", meta: { hide: "lg", className: "tabular-nums md:text-right", headerClassName: "text-right" } }),
  col.accessor("createdAt", { header: "Created", cell: (c) => <Time value={c.getValue()} /> }),
  col.accessor("sentAt", { header: "Sent", cell: (c) => <Time value={c.getValue()} fallback="Not sent" />, meta: { hide: "lg" } }),
]);
