/** A payload or header set, pretty-printed when it is JSON (or a JSON string). */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  let text: string;
  if (value === null || value === undefined || value === "") text = "—";
  else if (typeof value === "string") {
    try {
      text = JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      text = value;
    }
  } else text = JSON.stringify(value, null, 2);
  return (
    <div>
      {label && <p className="mb-1 text-xs font-medium text-slate-600">{label}</p>}
      <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-xs leading-5 text-slate-800">
        {text}
      </pre>
    </div>
  );
}
