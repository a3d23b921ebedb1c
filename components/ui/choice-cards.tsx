"use client";

export type Choice<T extends string | number> = { value: T; label: string; detail: string };

/** A radio group drawn as cards: one line of label, one of detail each. */
export function ChoiceCards<T extends string | number>(props: { name: string; choices: readonly Choice<T>[]; value: T; onChange: (value: T) => void }) {
  return (
    <div className="grid gap-2">
      {props.choices.map((c) => (
        <label
          key={c.value}
          className={`flex cursor-pointer items-start gap-3 rounded-md px-3 py-2 ring-1 ring-inset ${
            props.value === c.value ? "bg-brand-50 ring-brand-500" : "ring-slate-200 hover:bg-slate-50"
          }`}
        >
          <input
            type="radio"
            name={props.name}
            value={c.value}
            checked={props.value === c.value}
            onChange={() => props.onChange(c.value)}
            className="mt-0.5 size-4 accent-brand-600"
          />
          <span>
            <span className="block font-medium text-slate-900">{c.label}</span>
            <span className="block text-xs text-slate-600">{c.detail}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
