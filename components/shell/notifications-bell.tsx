"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import { Popover } from "radix-ui";
import { apiFetch } from "@/components/api/api-fetch";
import { Time } from "@/components/ui/time";

type Notification = { id: string; kind: string; title: string; body: string; readAt: string | null; createdAt: string };
type Inbox = { data: Notification[]; nextCursor: string | null; unread: number };

const KEY = ["me", "notifications"] as const;

/** The signed-in user's inbox: review decisions, deprecations of installed apps, partner status. */
export function NotificationsBell() {
  const client = useQueryClient();
  const inbox = useQuery({
    queryKey: KEY,
    queryFn: () => apiFetch<Inbox>("/me/notifications?limit=10"),
    // Decisions arrive while the portal is open; a minute is soon enough for in-app news.
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: () => apiFetch("/me/notifications/read", { body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
    meta: { error: "Could not mark the notifications read" },
  });
  const unread = inbox.data?.unread ?? 0;
  return (
    <Popover.Root>
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
              <button type="button" onClick={() => markRead.mutate()} disabled={markRead.isPending} className="text-xs font-medium text-brand-700 hover:underline disabled:opacity-50">
                Mark all read
              </button>
            )}
          </div>
          {inbox.isPending ? (
            <p className="px-3 py-6 text-center text-slate-600">Loading…</p>
          ) : inbox.isError ? (
            <p className="px-3 py-6 text-center text-slate-600">Notifications could not be loaded.</p>
          ) : inbox.data.data.length === 0 ? (
            <p className="px-3 py-6 text-center text-slate-600">Nothing new. Review decisions and notices about your apps appear here.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" tabIndex={0} aria-label="Latest notifications">
              {inbox.data.data.map((n) => (
                <li key={n.id} className="px-3 py-2.5">
                  <p className="flex items-start gap-2 font-medium text-slate-900">
                    {!n.readAt && (
                      <>
                        <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-600" />
                        <span className="sr-only">Unread: </span>
                      </>
                    )}
                    <span className="min-w-0 break-words">{n.title}</span>
                  </p>
                  {n.body && <p className="mt-0.5 whitespace-pre-line break-words text-slate-700">{n.body}</p>}
                  <p className="mt-1 text-xs text-slate-600">
                    <Time value={n.createdAt} focusable={false} />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
