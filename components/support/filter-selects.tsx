"use client";

import type { ReactNode } from "react";
import { Select } from "@/components/ui/field";
import { ticketPriorities, type TicketPriority, type TicketStatus } from "@/lib/support/schemas";
import { describeStatuses, isTicketPriority, parseStatusList, priorityLabel } from "./format";

// The filter controls both ticket lists share: each a labelled native select (a phone's own picker).

export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * Which statuses to list, from `presets` ([] is every status). A combination the URL holds that no
 * preset matches is offered as its own option, so the select always shows what is applied.
 */
export function StatusSelect({
  id,
  value,
  presets,
  onChange,
}: {
  id: string;
  value: TicketStatus[];
  presets: TicketStatus[][];
  onChange: (v: TicketStatus[]) => void;
}) {
  const current = value.join(",");
  const options = presets.map((p) => p.join(","));
  if (!options.includes(current)) options.push(current);
  return (
    <FilterField id={id} label="Status">
      <Select id={id} value={current} onChange={(e) => onChange(parseStatusList(e.target.value))} className="sm:min-w-[11rem]">
        {options.map((o) => (
          <option key={o} value={o}>
            {describeStatuses(parseStatusList(o))}
          </option>
        ))}
      </Select>
    </FilterField>
  );
}

export function PrioritySelect({ id, value, onChange }: { id: string; value: TicketPriority | null; onChange: (v: TicketPriority | null) => void }) {
  return (
    <FilterField id={id} label="Priority">
      <Select id={id} value={value ?? ""} onChange={(e) => onChange(isTicketPriority(e.target.value) ? e.target.value : null)} className="sm:min-w-[9rem]">
        <option value="">All priorities</option>
        {[...ticketPriorities].reverse().map((p) => (
          <option key={p} value={p}>
            {priorityLabel[p]}
          </option>
        ))}
      </Select>
    </FilterField>
  );
}
