import { formatDateTime } from "@/components/keys/format";
import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import type { EventDelivery } from "./types";

export function EventDeliveriesTable({ deliveries }: { deliveries: EventDelivery[] }) {
  return (
    <Table head={["Endpoint", "Status", "Attempts", "Last response", "Next attempt"]}>
      {deliveries.map((d) => (
        <tr key={d.id} data-testid={`event-delivery-${d.id}`}>
          <Td>
            <span className="block max-w-[8rem] truncate font-mono text-xs" title={d.endpointId}>
              {d.endpointId}
            </span>
          </Td>
          <Td>
            <Badge>{d.status}</Badge>
          </Td>
          <Td className="tabular-nums">{d.attempts}</Td>
          <Td>{d.lastResponseStatus ?? "—"}</Td>
          <Td>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : "—"}</Td>
        </tr>
      ))}
    </Table>
  );
}
