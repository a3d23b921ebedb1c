import { asc } from "drizzle-orm";
import type { Db } from "@/db";
import { eventTypes } from "@/db/schema";
import { processState } from "@/lib/process-state";
import type { FieldType, PlatformField } from "./schemas";

// The platform fields a mapping can read: every leaf of every event type's payload schema (the
// latest version of each type, as the catalog publishes it), as a dotted path prefixed by the
// event family: `lead.contact.email` is `data.contact.email` of any `lead.*` event. A field that
// several types of a family carry is one field, listing those types. Walks the stored JSON
// Schemas, so types an admin adds are mappable too.

type Json = Record<string, unknown>;

const MAX_DEPTH = 8;
const MAX_FIELDS = 5_000;

type Leaf = { path: string; type: FieldType; format?: string; enum?: unknown[]; description?: string };

function resolve(node: unknown, root: Json, seen: Set<string>): Json | null {
  let n = node;
  for (let hops = 0; n && typeof n === "object" && typeof (n as Json).$ref === "string" && hops < 10; hops++) {
    const ref = (n as Json).$ref as string;
    if (seen.has(ref)) return null; // recursive: stop here
    seen = new Set(seen).add(ref);
    const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
    n = ref === "#" ? root : m ? ((root[m[1]] as Json | undefined)?.[m[2]] ?? null) : null;
  }
  return n && typeof n === "object" && !Array.isArray(n) ? (n as Json) : null;
}

function typeOf(s: Json): FieldType {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  if (typeof t === "string" && ["string", "integer", "number", "boolean", "object", "array", "null"].includes(t)) return t as FieldType;
  if (s.properties) return "object";
  if (Array.isArray(s.enum) && s.enum.length) {
    const kinds = new Set(s.enum.map((v) => (Number.isInteger(v) ? "integer" : typeof v)));
    if (kinds.size === 1) {
      const k = [...kinds][0];
      if (k === "string" || k === "integer" || k === "number" || k === "boolean") return k;
    }
  }
  if (s.const !== undefined) return typeof s.const === "string" ? "string" : typeof s.const === "number" ? "number" : "unknown";
  return "unknown";
}

/** The leaves of a JSON Schema as dotted paths under `prefix`. */
export function schemaLeaves(schema: unknown, prefix: string): Leaf[] {
  const root = schema && typeof schema === "object" ? (schema as Json) : {};
  const out: Leaf[] = [];
  const visit = (node: unknown, path: string, depth: number, seen: Set<string>) => {
    if (out.length >= MAX_FIELDS) return;
    let s = resolve(node, root, seen);
    if (!s) return;
    // A nullable or optional-ish union: describe the one non-null variant.
    const union = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
    if (Array.isArray(union)) {
      const variants = union.map((u) => resolve(u, root, seen)).filter((u): u is Json => !!u && u.type !== "null");
      if (variants.length === 1) s = { ...variants[0], description: s.description ?? variants[0].description };
      else if (path !== prefix) {
        out.push({ path, type: "unknown", ...(typeof s.description === "string" ? { description: s.description } : {}) });
        return;
      }
    }
    const type = typeOf(s);
    const props = s.properties && typeof s.properties === "object" ? (s.properties as Json) : null;
    if (type === "object" && props && Object.keys(props).length && depth < MAX_DEPTH) {
      for (const [name, child] of Object.entries(props)) visit(child, `${path}.${name}`, depth + 1, seen);
      return;
    }
    if (path === prefix) return; // the payload itself is not a field
    out.push({
      path,
      type,
      ...(typeof s.format === "string" ? { format: s.format } : {}),
      ...(Array.isArray(s.enum) ? { enum: s.enum } : {}),
      ...(typeof s.description === "string" ? { description: s.description } : {}),
    });
  };
  visit(root, prefix, 0, new Set());
  return out;
}

/** Fields of the given event types (latest version each); pure, for tests and the cache below. */
export function fieldsOf(types: { name: string; area: string; payloadSchema: unknown }[]): PlatformField[] {
  const byPath = new Map<string, PlatformField>();
  for (const t of types) {
    const family = t.name.split(".")[0];
    for (const leaf of schemaLeaves(t.payloadSchema, family)) {
      const hit = byPath.get(leaf.path);
      if (hit) {
        if (!hit.eventTypes.includes(t.name)) hit.eventTypes.push(t.name);
        if (hit.type !== leaf.type) hit.type = "unknown";
      } else {
        byPath.set(leaf.path, {
          field: leaf.path,
          family,
          type: leaf.type,
          ...(leaf.format ? { format: leaf.format } : {}),
          ...(leaf.enum ? { enum: leaf.enum } : {}),
          ...(leaf.description ? { description: leaf.description } : {}),
          eventTypes: [t.name],
        });
      }
    }
  }
  return [...byPath.values()].sort((a, b) => a.field.localeCompare(b.field));
}

// The catalog changes rarely (an admin adds a type): read and walk it at most every 30 s per process.
const CACHE_MS = 30_000;
const cache = processState("integrationPlatformFields", () => ({ at: 0, fields: [] as PlatformField[], index: new Map<string, PlatformField>() }));

async function load(db: Db) {
  if (Date.now() - cache.at < CACHE_MS && cache.fields.length) return cache;
  const rows = await db
    .select({ name: eventTypes.name, area: eventTypes.area, version: eventTypes.version, payloadSchema: eventTypes.payloadSchema, deprecated: eventTypes.deprecated })
    .from(eventTypes)
    .orderBy(asc(eventTypes.name), asc(eventTypes.version));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.name, r);
  const fields = fieldsOf([...latest.values()].filter((r) => !r.deprecated));
  cache.at = Date.now();
  cache.fields = fields;
  cache.index = new Map(fields.map((f) => [f.field, f]));
  return cache;
}

/** GET /integrations/fields. */
export async function listPlatformFields(db: Db): Promise<{ data: PlatformField[] }> {
  return { data: (await load(db)).fields };
}

export async function platformFieldIndex(db: Db): Promise<Map<string, PlatformField>> {
  return (await load(db)).index;
}
