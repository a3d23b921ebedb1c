"use client";

import Link from "next/link";
import { Time } from "@/components/ui/time";
import { kindLabel } from "./kinds";
import { notificationTarget } from "./link";
import type { Notification } from "./types";

/**
 * One notification on the Notifications page: what kind it is, its title (a link when it leads
 * somewhere), its text and when it came. Opening it marks it read; so does its "Mark read" button.
 */
export function NotificationItem({ notification: n, onRead, marking }: { notification: Notification; onRead: (id: string) => void; marking: boolean }) {
  const { group, label } = kindLabel(n.kind);
  const target = notificationTarget(n.link);
  const unread = !n.readAt;
  const open = () => {
    if (unread) onRead(n.id);
  };
  return (
    <li className={`flex gap-3 px-4 py-3 sm:px-5 ${unread ? "bg-brand-50/60" : ""}`} data-testid="notification" data-unread={unread || undefined}>
      <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${unread ? "bg-brand-600" : "bg-transparent"}`} />
      <div className="min-w-0 flex-1">
        <p className="text-xs font-medium text-slate-600">
          {unread && <span className="sr-only">Unread · </span>}
          {group} · {label}
        </p>
        <h3 className="mt-0.5 text-sm font-semibold text-slate-900 [overflow-wrap:anywhere]">
          {!target ? (
            n.title
          ) : (
            <Link href={target.href} onClick={open} className="hover:underline">
              {n.title}
            </Link>
          )}
        </h3>
        {n.body && <p className="mt-0.5 whitespace-pre-line text-sm text-slate-700 [overflow-wrap:anywhere]">{n.body}</p>}
        <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
          <Time value={n.createdAt} />
          {unread && (
            <button
              type="button"
              onClick={() => onRead(n.id)}
              disabled={marking}
              className="font-medium text-brand-700 hover:underline disabled:opacity-50"
              aria-label={`Mark read: ${n.title}`}
            >
              Mark read
            </button>
          )}
        </p>
      </div>
    </li>
  );
}
