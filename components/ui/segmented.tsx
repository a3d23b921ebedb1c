"use client";

/** A small set of mutually exclusive choices shown as joined buttons (a date range, a view mode). */
export function Segmented<T extends string | number>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="inline-flex rounded-md shadow-sm">
      {options.map((o, i) => {
        const pressed = o.value === value;
        return (
          <button
            key={String(o.value)}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange(o.value)}
            className={`px-3 py-2 text-sm font-medium ring-1 ring-inset ring-slate-300 transition focus-visible:z-10 ${
              i === 0 ? "rounded-l-md" : "-ml-px"
            } ${i === options.length - 1 ? "rounded-r-md" : ""} ${pressed ? "z-10 bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
