"use client";

import { useId, type Ref } from "react";
import { useController } from "react-hook-form";
import { FieldsetError } from "@/components/ui/form";
import { hasScope, scopeAreas, scopeVerbs } from "@/lib/auth/scopes";

type Level = "none" | (typeof scopeVerbs)[number];
const levels: Level[] = ["none", ...scopeVerbs];
const rank: Record<Level, number> = { none: 0, read: 1, write: 2, manage: 3 };

export const presets = [
  { id: "read", label: "Read only", scopes: ["read:*"], hint: "read:* — every area, including ones added later" },
  { id: "full", label: "Full access", scopes: ["manage:*"], hint: "manage:* — read, write and manage everything" },
] as const;

/** The level a set of scopes grants on one area (wildcards included). */
function levelFor(scopes: readonly string[], area: string): Level {
  let best: Level = "none";
  for (const s of scopes) {
    const [verb, a] = s.split(":") as [Level, string];
    if ((a === area || a === "*") && rank[verb] > rank[best]) best = verb;
  }
  return best;
}

/** The ScopePicker as the `scopes` field of the surrounding Form. */
export function ScopesField({ grantedScopes }: { grantedScopes: readonly string[] }) {
  const { field, fieldState } = useController<{ scopes: string[] }, "scopes">({ name: "scopes" });
  return <ScopePicker value={field.value} onChange={field.onChange} grantedScopes={grantedScopes} error={fieldState.error?.message} inputRef={field.ref} />;
}

/**
 * One row per area with none/read/write/manage, plus presets that map to wildcards.
 * Options the signed-in user could not grant are disabled: a key never gets more than its creator has.
 */
export function ScopePicker({
  value,
  onChange,
  grantedScopes,
  error,
  inputRef,
}: {
  value: string[];
  onChange: (scopes: string[]) => void;
  grantedScopes: readonly string[];
  error?: string;
  /** Gets the first control, so a form can move focus here when the scopes are invalid. */
  inputRef?: Ref<HTMLInputElement>;
}) {
  const errorId = useId();
  const preset = presets.find((p) => p.scopes.length === value.length && p.scopes.every((s) => value.includes(s)));
  const setLevel = (area: string, level: Level) => {
    const next = scopeAreas.map((a) => [a, a === area ? level : levelFor(value, a)] as const);
    onChange(next.filter(([, l]) => l !== "none").map(([a, l]) => `${l}:${a}`));
  };

  return (
    <fieldset className="text-sm" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 block font-medium text-slate-800">Scopes</legend>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        {presets.map((p) => {
          const allowed = p.scopes.every((s) => hasScope(grantedScopes, s));
          const pressed = preset?.id === p.id;
          return (
            <button
              key={p.id}
              type="button"
              aria-pressed={pressed}
              disabled={!allowed}
              title={allowed ? p.hint : "Your role cannot grant this"}
              onClick={() => onChange([...p.scopes])}
              className={`rounded-md px-2.5 py-1 text-xs font-medium ring-1 ring-inset transition disabled:cursor-not-allowed disabled:opacity-50 ${
                pressed ? "bg-brand-50 text-brand-700 ring-brand-500" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
              }`}
            >
              {p.label}
            </button>
          );
        })}
        <span className="text-xs text-slate-600">{preset ? preset.hint : "or choose per area:"}</span>
      </div>
      <div className="max-h-64 overflow-y-auto rounded-md ring-1 ring-slate-200" aria-invalid={!!error || undefined}>
        <table className="w-full text-xs">
          <thead className="sticky top-0 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1.5 text-left font-semibold sm:px-3">
                Area
              </th>
              {levels.map((l) => (
                <th key={l} scope="col" className="w-12 px-1 py-1.5 text-center font-semibold capitalize sm:w-16 sm:px-2">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {scopeAreas.map((area, row) => {
              const current = levelFor(value, area);
              return (
                <tr key={area} className="hover:bg-slate-50">
                  <th scope="row" className="px-2 py-1 text-left font-normal capitalize text-slate-800 sm:px-3">
                    {area}
                  </th>
                  {levels.map((l, column) => {
                    const allowed = l === "none" || hasScope(grantedScopes, `${l}:${area}`);
                    return (
                      <td key={l} className="px-1 py-1 text-center sm:px-2">
                        <input
                          type="radio"
                          ref={row === 0 && column === 0 ? inputRef : undefined}
                          name={`scope-${area}`}
                          aria-label={`${area}: ${l}`}
                          checked={current === l}
                          disabled={!allowed}
                          onChange={() => setLevel(area, l)}
                          className="size-3.5 accent-brand-600 disabled:cursor-not-allowed"
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <span className="mt-1 block text-xs text-slate-600">Manage includes write, write includes read.</span>
      <FieldsetError id={errorId} message={error} />
    </fieldset>
  );
}
