"use client";

import { parseAsStringLiteral, useQueryState } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { Segmented } from "@/components/ui/segmented";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { NotificationItem } from "./notification-item";
import { notificationsKey, useMarkRead } from "./queries";
import type { Inbox, Notification } from "./types";

const filters = [
  { value: "all", label: "All" },
  { value: "unread", label: "Unread" },
] as const;

/**
 * Every notification of the signed-in user, newest first, a page at a time. `?filter=unread` in the
 * URL keeps the unread ones only, so a reload or a shared link shows the same view.
 */
export function NotificationsList() {
  const [filter, setFilter] = useQueryState("filter", parseAsStringLiteral(["unread"]));
  // New ones arrive while the page is open; a minute is soon enough, as for the bell.
  const list = usePagedList<Notification>([...notificationsKey, "page"], "/me/notifications", { unread: filter ? "true" : undefined }, 20, { refetchInterval: 60_000 });
  const markRead = useMarkRead();
  const unread = (list.data as Inbox | undefined)?.unread ?? 0;

  return (
    <Card
      title={filter ? "Unread notifications" : "All notifications"}
      actions={
        <>
          <Segmented label="Show" options={filters} value={filter ?? "all"} onChange={(v) => void setFilter(v === "all" ? null : v)} />
          <Button variant="secondary" onClick={() => markRead.mutate(undefined)} disabled={unread === 0 || markRead.isPending}>
            Mark all read
          </Button>
        </>
      }
      className="[&>div]:p-0"
    >
      {list.isPending ? (
        <div className="px-4 sm:px-5">
          <LoadingState label="Loading notifications…" />
        </div>
      ) : list.isError ? (
        <div className="p-4 sm:p-5">
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : list.data.data.length === 0 ? (
        <div className="p-4 sm:p-5">
          {filter ? (
            <EmptyState title="No unread notifications" action={<Button variant="secondary" onClick={() => void setFilter(null)}>Show all</Button>}>
              You are up to date.
            </EmptyState>
          ) : (
            <EmptyState title="No notifications yet">
              Replies to your support tickets, invoices and payouts, decisions about your apps, failing integrations and disabled webhook endpoints appear here.
            </EmptyState>
          )}
        </div>
      ) : (
        <div aria-busy={list.isFetching && list.isPlaceholderData}>
          <p className="sr-only" aria-live="polite">
            {unread === 0 ? "No unread notifications." : `${unread} unread.`}
          </p>
          <ul aria-label={filter ? "Unread notifications" : "Notifications"} className="divide-y divide-slate-100">
            {list.data.data.map((n) => (
              <NotificationItem key={n.id} notification={n} onRead={(id) => markRead.mutate([id])} marking={markRead.isPending} />
            ))}
          </ul>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </div>
      )}
    </Card>
  );
}
