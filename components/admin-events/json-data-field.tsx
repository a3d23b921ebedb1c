"use client";

import { useFormContext, useFormState } from "react-hook-form";
import { Textarea } from "@/components/ui/field";

/** Parses the textarea as the event's `data`: it must be a JSON object. */
export function parseEventData(text: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return { error: "Enter the event's data as a JSON object." };
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== "object" || v === null || Array.isArray(v)) return { error: "data must be a JSON object, e.g. {\"id\": \"…\"}." };
    return { value: v as Record<string, unknown> };
  } catch (e) {
    return { error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The JSON textarea for `data` of the surrounding Form: the parse error as you type, and after a
 * publish the server's schema errors (data.*), each with its path (applyServerErrors keeps them in `types`).
 */
export function JsonDataField() {
  const { register, trigger } = useFormContext<{ data: string }>();
  const { errors } = useFormState<{ data: string }>({ name: "data" });
  const error = errors.data;
  const serverErrors = error?.type === "server" ? Object.entries(error.types ?? { data: error.message }).map(([path, message]) => ({ path, message: String(message) })) : [];
  const parseError = error && error.type !== "server" ? error.message : undefined;
  return (
    <div className="block text-sm">
      <label htmlFor="event-data" className="mb-1 block font-medium text-slate-800">
        Data (JSON)
      </label>
      <Textarea
        id="event-data"
        {...register("data", { onChange: () => void trigger("data") })}
        rows={10}
        spellCheck={false}
        className="font-mono text-xs"
        invalid={!!error}
        aria-describedby="event-data-errors"
      />
      <div id="event-data-errors" aria-live="polite">
        {parseError && <span className="mt-1 block text-xs text-red-700">{parseError}</span>}
        {serverErrors.length > 0 && (
          <ul className="mt-1 grid gap-0.5 text-xs text-red-700" data-testid="event-data-errors">
            {serverErrors.map((e, i) => (
              <li key={`${e.path}-${i}`}>
                <code className="font-mono">{e.path}</code>: {e.message}
              </li>
            ))}
          </ul>
        )}
        {!error && <span className="mt-1 block text-xs text-slate-600">Prefilled with the type&apos;s example payload.</span>}
      </div>
    </div>
  );
}
