"use client";

import Link from "next/link";
import { dataColumnHelper } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { AppStatusBadge, pendingLabel, pendingVersion } from "./status";
import type { Application } from "./types";

const col = dataColumnHelper<Application>();

export const appColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    meta: { primary: true, wrap: true, className: "md:min-w-[14rem]" },
    cell: ({ row: { original: a } }) => (
      <>
        <Link href={`/apps/${a.id}`} className="block max-w-[20rem] truncate font-medium text-brand-700 hover:underline" title={a.name}>
          {a.name}
        </Link>
        {a.category && <span className="block text-xs capitalize text-slate-600">{a.category}</span>}
      </>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => <AppStatusBadge status={c.getValue()} />,
  }),
  col.display({
    id: "live",
    header: "Live version",
    cell: ({ row: { original: a } }) =>
      a.liveVersion ? <span className="font-mono text-xs text-slate-800">{a.liveVersion.version}</span> : <span className="text-slate-600">—</span>,
  }),
  col.display({
    id: "pending",
    header: "Pending version",
    meta: { hide: "lg", label: "Pending" },
    cell: ({ row: { original: a } }) => {
      const pending = pendingVersion(a);
      // Before the first publish the app's only version is the pending one.
      const label = pending ? pendingLabel(a) : a.liveVersion ? null : `${a.currentVersion.version} ${a.status.replace("_", " ")}`;
      return label ? <span className="text-xs text-slate-700">{label}</span> : <span className="text-slate-600">—</span>;
    },
  }),
  col.accessor("updatedAt", {
    header: "Updated",
    cell: (c) => <Time value={c.getValue()} />,
  }),
]);
