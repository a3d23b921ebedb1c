"use client";

import { createContext, useContext, useId, type ComponentProps, type ReactNode } from "react";
import { asSentence } from "@/components/forms/error-map";

const control =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

/** What a Field tells the control inside it: the id its label points at, and what describes it. */
const FieldContext = createContext<{ id: string; invalid: boolean; describedBy?: string } | null>(null);

/**
 * A label, one control (Input, Select or Textarea), and under it the hint or the error. The control
 * gets the label's id, `aria-invalid` and `aria-describedby` pointing at the text under it, so a
 * screen reader names the field by its label alone and reads the error or hint as its description.
 */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="block text-sm">
      <label htmlFor={id} className="mb-1 block font-medium text-slate-800">
        {label}
      </label>
      <FieldContext value={{ id, invalid: !!error, describedBy: error ? errorId : hint ? hintId : undefined }}>{children}</FieldContext>
      {hint && !error && (
        <span id={hintId} className="mt-1 block text-xs text-slate-600">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="mt-1 block text-xs text-red-700">
          {asSentence(error)}
        </span>
      )}
    </div>
  );
}

/** The id, aria-invalid and aria-describedby a control takes from its Field (its own props win). */
function useFieldProps(props: { id?: string; invalid?: boolean; "aria-invalid"?: ComponentProps<"input">["aria-invalid"]; "aria-describedby"?: string }) {
  const field = useContext(FieldContext);
  const describedBy = [field?.describedBy, props["aria-describedby"]].filter(Boolean).join(" ");
  return {
    id: props.id ?? field?.id,
    "aria-invalid": props["aria-invalid"] ?? ((props.invalid ?? field?.invalid) || undefined),
    "aria-describedby": describedBy || undefined,
  };
}

export function Input({ invalid, ...props }: ComponentProps<"input"> & { invalid?: boolean }) {
  const a11y = useFieldProps({ ...props, invalid });
  return <input {...props} {...a11y} className={`${control} ${props.className ?? ""}`} />;
}

export function Textarea({ invalid, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  const a11y = useFieldProps({ ...props, invalid });
  return <textarea {...props} {...a11y} className={`${control} ${props.className ?? ""}`} />;
}

export function Select({ invalid, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  const a11y = useFieldProps({ ...props, invalid });
  return <select {...props} {...a11y} className={`${control} ${props.className ?? ""}`} />;
}
