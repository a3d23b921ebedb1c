"use client";

import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { Sheet, SheetContent } from "@/components/ui/sheet";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { EventDeliveriesTable } from "./event-deliveries-table";
import { useEventDetail } from "./queries";
import type { PlatformEvent } from "./types";

/** One event in a wide side sheet: who it was for, its payload (coloured, wrapped), and its deliveries by name. */
export function EventDetailSheet({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const detail = useEventDetail(eventId);
  const e = detail.data;
  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent
        title="Event details"
        width="max-w-3xl"
        description={
          e ? (
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs font-semibold text-slate-900">{e.type}</code>
              <span className="text-xs">
                published <Time value={e.createdAt} />
              </span>
            </span>
          ) : (
            "Loading…"
          )
        }
      >
        {detail.isPending ? (
          <LoadingState />
        ) : detail.isError ? (
          <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
        ) : (
          <div className="grid gap-6" data-testid="event-detail">
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-slate-600">Target</dt>
              <dd>
                <EventTargetName event={e!} />
              </dd>
              <dt className="text-slate-600">Event id</dt>
              <dd className="flex min-w-0 items-center gap-2">
                <code className="break-all font-mono text-xs text-slate-800">{e!.id}</code>
                <CopyButton value={e!.id} name="Copy event id" variant="ghost" />
              </dd>
            </dl>
            <CodeBlock label="Payload" value={e!.data} />
            <section aria-labelledby="event-deliveries">
              <h3 id="event-deliveries" className="mb-2 text-sm font-semibold text-slate-900">
                Deliveries ({e!.deliveries.length})
              </h3>
              {e!.deliveries.length === 0 ? (
                <p className="text-sm text-slate-600">No deliveries: no enabled endpoint subscribes to this event for its target.</p>
              ) : (
                <EventDeliveriesTable deliveries={e!.deliveries} />
              )}
            </section>
          </div>
        )}
      </SheetContent>
    </Sheet>
  );
}

/** "Partner Acme Insurtech", "Account Sunrise Agency" or "Everyone subscribed". */
export function EventTargetName({ event }: { event: PlatformEvent }) {
  if (event.partnerId)
    return (
      <span>
        <span className="text-slate-600">Partner</span> <span className="font-medium text-slate-900">{event.partnerName ?? "Deleted partner"}</span>
      </span>
    );
  if (event.accountId)
    return (
      <span>
        <span className="text-slate-600">Account</span> <span className="font-medium text-slate-900">{event.accountName ?? "Unknown account"}</span>
      </span>
    );
  return <span className="text-slate-600">Every subscribed partner</span>;
}
