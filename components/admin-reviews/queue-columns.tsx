"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { dataColumnHelper } from "@/components/ui/data-table";
import type { ReviewQueueItem } from "@/lib/applications/schemas";
import { AppStatusBadge } from "@/components/applications/status";
import { WaitingTime } from "./waiting-time";

const col = dataColumnHelper<ReviewQueueItem>();

export const reviewPath = (applicationId: string) => `/admin/reviews/${applicationId}`;

export const queueColumns = col.columns([
  col.accessor("name", {
    header: "App",
    meta: { primary: true },
    cell: ({ row: { original: item } }) => (
      <>
        <Link href={reviewPath(item.applicationId)} className="font-medium text-slate-900 hover:underline">
          {item.name}
        </Link>
        <span className="block font-mono text-xs text-slate-600">{item.slug}</span>
      </>
    ),
  }),
  col.accessor("partnerName", {
    header: "Partner",
    cell: (c) => c.getValue(),
  }),
  col.display({
    id: "version",
    header: "Version",
    cell: ({ row: { original: item } }) => (
      <span className="inline-flex flex-wrap items-center gap-1.5">
        <span className="font-mono">{item.version.version}</span>
        {item.isUpdate && <Badge tone="blue">Update</Badge>}
      </span>
    ),
  }),
  col.display({
    id: "status",
    header: "Status",
    cell: ({ row: { original: item } }) => <AppStatusBadge status={item.version.status} />,
  }),
  col.accessor("waitingSeconds", {
    header: "Waiting",
    cell: (c) => <WaitingTime seconds={c.getValue()} />,
  }),
  col.display({
    id: "open",
    header: "Review",
    // On a phone, an arrow in the card's corner (where other tables keep their "…" menu).
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: item } }) => (
      <Link
        href={reviewPath(item.applicationId)}
        className="inline-flex items-center rounded-md px-2.5 py-1 text-xs font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 max-md:p-1.5"
        aria-label={`Review ${item.name} ${item.version.version}`}
      >
        <span className="max-md:hidden">Review</span>
        <ChevronRight aria-hidden className="size-4 md:hidden" />
      </Link>
    ),
  }),
]);
