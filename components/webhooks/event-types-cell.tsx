/** The first subscribed type and "+N" (all of them in the tooltip). */
export function EventTypesCell({ types }: { types: string[] }) {
  const [first, ...rest] = types;
  if (!first) return <span className="text-slate-600">none</span>;
  return (
    <span className="inline-flex items-center gap-1" title={types.join(", ")}>
      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">{first === "*" ? "all events (*)" : first}</code>
      {rest.length > 0 && <span className="text-xs text-slate-600">+{rest.length}</span>}
    </span>
  );
}
