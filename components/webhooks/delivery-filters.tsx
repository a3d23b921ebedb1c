"use client";

import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { Segmented } from "@/components/ui/segmented";
import { endpointName } from "./endpoint-row";
import type { Endpoint } from "./types";

export type TimeRange = "1h" | "24h" | "7d";
export const rangeMs: Record<TimeRange, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };
const ranges = [
  { value: "1h" as const, label: "1 h" },
  { value: "24h" as const, label: "24 h" },
  { value: "7d" as const, label: "7 d" },
];

export type LogFilterState = { status: string; endpointId: string; eventType: string; range: TimeRange };

export function DeliveryFilters({
  value,
  onChange,
  endpoints,
  eventTypes,
}: {
  value: LogFilterState;
  onChange: (v: LogFilterState) => void;
  endpoints: Endpoint[];
  eventTypes: string[];
}) {
  const set = (patch: Partial<LogFilterState>) => onChange({ ...value, ...patch });
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      <Select aria-label="Filter by status" value={value.status} onChange={(e) => set({ status: e.target.value })} className="max-w-[10rem]">
        <option value="">All statuses</option>
        <option value="pending">Pending</option>
        <option value="succeeded">Succeeded</option>
        <option value="failed">Failed</option>
        <option value="dead">Dead letter</option>
      </Select>
      <Button
        size="sm"
        variant={value.status === "dead" ? "primary" : "secondary"}
        aria-pressed={value.status === "dead"}
        onClick={() => set({ status: value.status === "dead" ? "" : "dead" })}
      >
        Dead letter
      </Button>
      <Select aria-label="Filter by endpoint" value={value.endpointId} onChange={(e) => set({ endpointId: e.target.value })} className="max-w-[18rem]">
        <option value="">All endpoints</option>
        {endpoints.map((e) => (
          <option key={e.id} value={e.id}>
            {endpointName(e)}
          </option>
        ))}
      </Select>
      <Select aria-label="Filter by event type" value={value.eventType} onChange={(e) => set({ eventType: e.target.value })} className="max-w-[14rem]">
        <option value="">All event types</option>
        {eventTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </Select>
      <Segmented label="Time range" options={ranges} value={value.range} onChange={(range) => set({ range })} />
    </div>
  );
}
