import type { Transform } from "./schemas";

// The mapping engine: what an integration's field mappings make of one event. Pure (no I/O), so
// the preview endpoint and webhook delivery run exactly the same code on the same input.
//
// A mapping reads `sourceField` = `<family>.<path>` from the data of an event of that family
// (`lead.contact.email` ← `data.contact.email` of `lead.created`), transforms it and writes it
// under `targetField`. A mapping of another family, or a field absent from the data, writes
// nothing. Transforms:
//   none                the value as it is
//   trim | lowercase | uppercase
//                       strings only; other values pass unchanged
//   cents_to_decimal    integer minor units → a decimal string with two places (128400 → "1284.00"):
//                       a string, not a float, so no money is rounded on the way; else null
//   date_iso            a date or date-time string, or epoch milliseconds → ISO 8601 in UTC
//                       (a plain `YYYY-MM-DD` stays a date: no time zone is invented); else null

export type MappingRule = { sourceField: string; targetField: string; transform?: Transform | null };
export type MappingEvent = { type: string; data: Record<string, unknown> };
export type MappingResult = { sourceField: string; targetField: string; transform: Transform; applies: boolean; input?: unknown; output?: unknown };

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The value at a dotted path of `data`, or undefined (own properties only: no prototype walking). */
export function readPath(data: unknown, path: string[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (!cur || typeof cur !== "object" || Array.isArray(cur) || !hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function centsToDecimal(v: unknown): string | null {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) return null;
  const abs = Math.abs(v);
  return `${v < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function dateIso(v: unknown): string | null {
  if (typeof v === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? null : v;
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  if (typeof v === "number" && Number.isFinite(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return null;
}

export function applyTransform(transform: Transform, v: unknown): unknown {
  switch (transform) {
    case "trim":
      return typeof v === "string" ? v.trim() : v;
    case "lowercase":
      return typeof v === "string" ? v.toLowerCase() : v;
    case "uppercase":
      return typeof v === "string" ? v.toUpperCase() : v;
    case "cents_to_decimal":
      return centsToDecimal(v);
    case "date_iso":
      return dateIso(v);
    default:
      return v;
  }
}

/** Every mapping's outcome on the event, in the mappings' order (the preview shows these). */
export function explainMappings(event: MappingEvent, mappings: readonly MappingRule[]): MappingResult[] {
  const family = event.type.split(".")[0];
  return mappings.map((m) => {
    const transform = m.transform ?? "none";
    const [srcFamily, ...path] = m.sourceField.split(".");
    const base = { sourceField: m.sourceField, targetField: m.targetField, transform };
    if (srcFamily !== family || !path.length) return { ...base, applies: false };
    const input = readPath(event.data, path);
    if (input === undefined) return { ...base, applies: false };
    return { ...base, applies: true, input, output: applyTransform(transform, input) };
  });
}

/** Target field → value, for the mappings that apply to the event (the webhook's `mapped`). */
export function applyMappings(event: MappingEvent, mappings: readonly MappingRule[]): Record<string, unknown> {
  // A null-prototype object: a target named `__proto__` is a plain key, not a prototype swap.
  const out: Record<string, unknown> = Object.create(null);
  for (const r of explainMappings(event, mappings)) if (r.applies) out[r.targetField] = r.output;
  return out;
}
