"use client";

import type { Ref } from "react";
import type { EventType } from "@/components/webhooks/types";
import { useEventTypes } from "@/components/webhooks/queries";
import { Field, Select } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";

/** One event type from the catalog, grouped by area. Hands back the type's metadata so callers can prefill its example. */
export function EventTypeSelect({
  value,
  onChange,
  error,
  selectRef,
}: {
  value: string;
  onChange: (name: string, type?: EventType) => void;
  error?: string;
  /** Gets the select, so a form can move focus here when the type is missing. */
  selectRef?: Ref<HTMLSelectElement>;
}) {
  const catalog = useEventTypes();
  if (catalog.isPending) return <LoadingState label="Loading event types…" />;
  if (catalog.isError) return <ErrorState error={catalog.error} onRetry={() => catalog.refetch()} />;
  const { data: types, areas } = catalog.data;
  const selected = types.find((t) => t.name === value);

  return (
    <Field label="Event type" error={error} hint={selected?.description}>
      <Select
        ref={selectRef}
        name="type"
        required
        value={value}
        onChange={(e) => onChange(e.target.value, types.find((t) => t.name === e.target.value))}
      >
        <option value="">{areas.length === 0 ? "No event types defined" : "Choose an event type"}</option>
        {areas.map(({ area, types: names }) => (
          <optgroup key={area} label={area}>
            {names.map((n) => {
              const meta = types.find((t) => t.name === n);
              return (
                <option key={n} value={n}>
                  {n}
                  {meta ? ` (v${meta.version})` : ""}
                  {meta?.deprecated ? " · deprecated" : ""}
                </option>
              );
            })}
          </optgroup>
        ))}
      </Select>
    </Field>
  );
}
