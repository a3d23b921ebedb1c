"use client";

import { useId } from "react";

/**
 * An on/off switch for "also send this by email": a real checkbox (role switch), so it is
 * keyboard- and form-native; the knob is drawn over it and lets clicks through. Named by its
 * visible "Email" text and the kind's label (`labelledBy`), described by the kind's description.
 */
export function MailSwitch({
  checked,
  onChange,
  labelledBy,
  describedBy,
  disabled,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  labelledBy: string;
  describedBy?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const textId = `${id}-text`;
  return (
    <span className="inline-flex items-center gap-2">
      <span className="relative inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-labelledby={`${textId} ${labelledBy}`}
          aria-describedby={describedBy}
          className="peer h-5 w-9 cursor-pointer appearance-none rounded-full bg-slate-500 transition-colors checked:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-50"
        />
        <span aria-hidden className="pointer-events-none absolute left-0.5 top-0.5 size-4 rounded-full bg-white shadow-sm transition-transform peer-checked:translate-x-4" />
      </span>
      <label id={textId} htmlFor={id} className="cursor-pointer text-sm text-slate-700">
        Email
      </label>
    </span>
  );
}
