"use client";

import { useQuery } from "@tanstack/react-query";
import { Bell, Settings } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { kindLabel } from "@/components/notifications/kinds";
import { notificationTarget } from "@/components/notifications/link";
import { notificationsKey, useMarkRead } from "@/components/notifications/queries";
import type { Inbox, Notification } from "@/components/notifications/types";
import { Time } from "@/components/ui/time";

/** The signed-in user's latest notifications: support, billing, apps, integrations, webhooks, their partner's status. */
export function NotificationsBell() {
  const [open, setOpen] = useState(false);
  const inbox = useQuery({
    queryKey: notificationsKey,
    queryFn: () => apiFetch<Inbox>("/me/notifications?limit=10"),
    // Decisions arrive while the portal is open; a minute is soon enough for in-app news.
    refetchInterval: 60_000,
  });
  const markRead = useMarkRead();
  const unread = inbox.data?.unread ?? 0;
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        className="relative inline-flex size-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <Bell aria-hidden className="size-4" />
        {unread > 0 && (
          <span aria-hidden className="absolute right-1 top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white">
            {unread > 9 ? "9+" : unread}
          </span>
        )}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={4}
          collisionPadding={8}
          className="z-50 w-[min(24rem,calc(100vw-1rem))] rounded-md border border-slate-200 bg-white text-sm text-slate-800 shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            {unread > 0 && (
              <button type="button" onClick={() => markRead.mutate(undefined)} disabled={markRead.isPending} className="text-xs font-medium text-brand-700 hover:underline disabled:opacity-50">
                Mark all read
              </button>
            )}
          </div>
          {inbox.isPending ? (
            <p className="px-3 py-6 text-center text-slate-600">Loading…</p>
          ) : inbox.isError ? (
            <p className="px-3 py-6 text-center text-slate-600">Notifications could not be loaded.</p>
          ) : inbox.data.data.length === 0 ? (
            <p className="px-3 py-6 text-center text-slate-600">
              Nothing yet. Support replies, invoices and payouts, decisions about your apps, failing integrations and webhook endpoints appear here.
            </p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" tabIndex={0} aria-label="Latest notifications">
              {inbox.data.data.map((n) => (
                <BellItem
                  key={n.id}
                  notification={n}
                  onOpen={() => {
                    if (!n.readAt) markRead.mutate([n.id]);
                    setOpen(false);
                  }}
                />
              ))}
            </ul>
          )}
          <div className="flex items-center justify-between gap-2 border-t border-slate-200 px-3 py-2">
            <Link href="/notifications" onClick={() => setOpen(false)} className="text-xs font-medium text-brand-700 hover:underline">
              See all
            </Link>
            <Link
              href="/notifications/settings"
              onClick={() => setOpen(false)}
              className="inline-flex items-center gap-1 text-xs font-medium text-slate-700 hover:text-slate-900 hover:underline"
            >
              <Settings aria-hidden className="size-3.5" />
              Settings
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** One notification: a link to where it leads when it has somewhere to lead, which opening marks read. */
function BellItem({ notification: n, onOpen }: { notification: Notification; onOpen: () => void }) {
  const target = notificationTarget(n.link);
  const { group, label } = kindLabel(n.kind);
  const title = (
    <>
      {!n.readAt && (
        <>
          <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-600" />
          <span className="sr-only">Unread: </span>
        </>
      )}
      <span className="min-w-0 break-words">{n.title}</span>
    </>
  );
  const titleClass = "flex items-start gap-2 font-medium text-slate-900";
  return (
    <li className="relative px-3 py-2.5 has-[a:hover]:bg-slate-50">
      <p className="text-xs text-slate-600">
        {group} · {label}
      </p>
      {!target ? (
        <p className={titleClass}>{title}</p>
      ) : (
        <Link href={target.href} onClick={onOpen} className={`${titleClass} hover:underline`}>
          {title}
        </Link>
      )}
      {/* A summary: the body's paragraphs run together here (the Notifications page keeps them). */}
      {n.body && <p className="mt-0.5 line-clamp-3 break-words text-slate-700">{n.body}</p>}
      <p className="mt-1 text-xs text-slate-600">
        <Time value={n.createdAt} focusable={false} />
      </p>
    </li>
  );
}
