import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { EventDelivery } from "./types";

/** An event's deliveries, by partner and endpoint name. */
export function EventDeliveriesTable({ deliveries }: { deliveries: EventDelivery[] }) {
  return (
    <Table
      label="Deliveries"
      head={["Partner and endpoint", "Status", "Attempts", { header: "Last response", hide: "lg" }, "Next attempt"]}
    >
      {deliveries.map((d) => (
        <tr key={d.id} data-testid={`event-delivery-${d.id}`}>
          <Td primary wrap>
            <span className="block font-medium text-slate-900">{d.partnerName ?? "Deleted partner"}</span>
            {d.endpointDescription && <span className="block text-xs text-slate-700">{d.endpointDescription}</span>}
            <code className="block font-mono text-xs text-slate-600 [overflow-wrap:anywhere]">{d.endpointUrl ?? "Deleted endpoint"}</code>
          </Td>
          <Td label="Status">
            <Badge>{d.status}</Badge>
            {d.lastError && d.status !== "succeeded" && (
              <span className="block max-w-[14rem] text-xs whitespace-normal text-slate-600 [overflow-wrap:anywhere]">{d.lastError}</span>
            )}
          </Td>
          <Td label="Attempts" className="tabular-nums">
            {d.attempts}
          </Td>
          <Td label="Last response" hide="lg" className="tabular-nums">
            {d.lastResponseStatus ?? <span className="text-slate-600">—</span>}
          </Td>
          <Td label="Next attempt">
            <Time value={d.nextAttemptAt} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
