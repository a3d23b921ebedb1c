"use client";

import { Tooltip } from "@/components/ui/tooltip";

/** Up to two scopes as chips; beyond that the first one and "+N more" (all of them in a tooltip, on hover or focus). */
export function ScopeChips({ scopes }: { scopes: string[] }) {
  const shown = scopes.length <= 2 ? scopes : scopes.slice(0, 1);
  const rest = scopes.length - shown.length;
  return (
    <span className="flex flex-wrap items-start gap-1 md:flex-col">
      {shown.map((s) => (
        <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-800">
          {s}
        </code>
      ))}
      {rest > 0 && (
        <Tooltip content={scopes.join(", ")}>
          <button type="button" className="text-left text-xs text-slate-600 underline decoration-dotted underline-offset-2">
            +{rest} more<span className="sr-only">: {scopes.slice(shown.length).join(", ")}</span>
          </button>
        </Tooltip>
      )}
    </span>
  );
}
