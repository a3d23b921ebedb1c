"use client";

import { formatDateTime } from "@/components/keys/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { JsonBlock } from "@/components/webhooks/json-block";
import { EventDeliveriesTable } from "./event-deliveries-table";
import { useEventDetail } from "./queries";

export function EventDetailDialog({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const detail = useEventDetail(eventId);
  const e = detail.data;
  return (
    <Dialog open onClose={onClose} title="Event" footer={<Button onClick={onClose}>Close</Button>}>
      {detail.isPending ? (
        <LoadingState />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
      ) : (
        <div className="grid gap-4" data-testid="event-detail">
          <div className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs font-semibold text-slate-900">{e!.type}</code>
            <span className="text-xs text-slate-500">{formatDateTime(e!.createdAt)}</span>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500">Event id</dt>
            <dd className="break-all font-mono">{e!.id}</dd>
            <dt className="text-slate-500">Partner</dt>
            <dd className="break-all font-mono">{e!.partnerId ?? "—"}</dd>
            <dt className="text-slate-500">Account</dt>
            <dd className="break-all font-mono">{e!.accountId ?? "—"}</dd>
          </dl>
          <JsonBlock label="Payload" value={e!.data} />
          <div>
            <p className="mb-1 text-xs font-medium text-slate-600">Deliveries</p>
            {e!.deliveries.length === 0 ? (
              <p className="text-xs text-slate-500">No deliveries: no enabled endpoint subscribes to this event for its target.</p>
            ) : (
              <EventDeliveriesTable deliveries={e!.deliveries} />
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
