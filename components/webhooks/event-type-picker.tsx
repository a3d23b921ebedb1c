"use client";

import { useId, type Ref } from "react";
import { FieldsetError } from "@/components/ui/form";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useEventTypes } from "./queries";

/** Event types grouped by area, with "all of an area" (lead.*) and "all events" (*) wildcards. `inputRef` gets the first checkbox. */
export function EventTypePicker({
  value,
  onChange,
  error,
  inputRef,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const errorId = useId();
  const catalog = useEventTypes();
  const all = value.includes("*");
  const toggle = (name: string, on: boolean) => onChange(on ? [...value.filter((v) => v !== name), name] : value.filter((v) => v !== name));

  return (
    <fieldset className="text-sm" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 font-medium text-slate-800">Events</legend>
      {catalog.isPending ? (
        <LoadingState label="Loading event types…" />
      ) : catalog.isError ? (
        <ErrorState error={catalog.error} onRetry={() => catalog.refetch()} />
      ) : (
        <div className="max-h-64 overflow-y-auto rounded-md px-3 py-2 ring-1 ring-inset ring-slate-300">
          <label className="flex items-center gap-2 py-1 font-medium text-slate-900">
            <input ref={inputRef} type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked ? ["*"] : [])} />
            All events <code className="font-mono text-xs text-slate-600">*</code>
          </label>
          {catalog.data.areas.map(({ area, types }) => {
            const wildcard = `${area}.*`;
            const areaAll = all || value.includes(wildcard);
            return (
              <div key={area} className="mt-2 border-t border-slate-100 pt-2">
                <label className="flex items-center gap-2 py-0.5 font-medium text-slate-800">
                  <input
                    type="checkbox"
                    disabled={all}
                    checked={areaAll}
                    onChange={(e) => onChange([...value.filter((v) => v !== wildcard && !types.includes(v)), ...(e.target.checked ? [wildcard] : [])])}
                  />
                  All {area} events <code className="font-mono text-xs text-slate-600">({wildcard})</code>
                </label>
                <div className="ml-6 grid grid-cols-1 gap-x-4 sm:grid-cols-2">
                  {types.map((t) => {
                    const meta = catalog.data.data.find((d) => d.name === t);
                    return (
                      <label key={t} className="flex items-center gap-2 py-0.5 text-slate-700" title={meta?.description}>
                        <input type="checkbox" disabled={areaAll} checked={areaAll || value.includes(t)} onChange={(e) => toggle(t, e.target.checked)} />
                        <code className="font-mono text-xs">{t}</code>
                        {meta?.deprecated && <span className="text-xs text-amber-700">deprecated</span>}
                      </label>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
      )}
      <FieldsetError id={errorId} message={error} />
    </fieldset>
  );
}
