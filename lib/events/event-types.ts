import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { eventTypes } from "@/db/schema";
import { Conflict, Invalid } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { processState } from "@/lib/process-state";
import type { CreateEventType, EventType } from "./schemas";
import { vetPayloadSchema } from "./vet-payload-schema";

// The catalog: the 22 standard types (seeded) plus any an admin adds.

function toEventType(r: typeof eventTypes.$inferSelect): EventType {
  return {
    name: r.name,
    area: r.area,
    description: r.description,
    version: r.version,
    payloadSchema: r.payloadSchema,
    examplePayload: r.examplePayload,
    deprecated: r.deprecated,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listEventTypes(db: Db) {
  const rows = await db.select().from(eventTypes).orderBy(asc(eventTypes.area), asc(eventTypes.name), asc(eventTypes.version));
  const data = rows.map(toEventType);
  const areas = [...new Set(data.map((t) => t.area))].map((area) => ({ area, types: data.filter((t) => t.area === area).map((t) => t.name) }));
  return { data, areas };
}

/** Compiled validators per type and version; the catalog changes rarely. */
const validators = new Map<string, z.ZodType>();

// Publishing looks a type up on every event; the catalog changes rarely, so
// lookups are cached for 10 s per process (an admin's new version is cleared at
// once here). One cache per process, not per Next bundle: the route that adds a
// type and the one that publishes are separate bundles.
const TYPE_CACHE_MS = 10_000;
const typeCache = processState("eventTypeCache", () => new Map<string, { at: number; row: typeof eventTypes.$inferSelect | undefined }>());

export async function latestEventType(db: Db, name: string) {
  const hit = typeCache.get(name);
  if (hit && Date.now() - hit.at < TYPE_CACHE_MS) return hit.row;
  const rows = await db.select().from(eventTypes).where(eq(eventTypes.name, name));
  const row = rows.sort((a, b) => b.version - a.version)[0];
  if (typeCache.size > 1000) typeCache.clear();
  typeCache.set(name, { at: Date.now(), row });
  return row;
}

export function payloadValidator(t: typeof eventTypes.$inferSelect): z.ZodType {
  const k = `${t.name}@${t.version}`;
  let v = validators.get(k);
  if (!v) {
    v = z.fromJSONSchema(t.payloadSchema as Parameters<typeof z.fromJSONSchema>[0]);
    validators.set(k, v);
  }
  return v;
}

export async function createEventType(db: Db, input: CreateEventType): Promise<EventType> {
  const unsafe = vetPayloadSchema(input.payloadSchema);
  if (unsafe.length) throw new Invalid(`payloadSchema cannot be used safely: ${unsafe.map((e) => e.message).join("; ")}`, unsafe);
  let validator: z.ZodType;
  let example: ReturnType<z.ZodType["safeParse"]>;
  try {
    validator = z.fromJSONSchema(input.payloadSchema as Parameters<typeof z.fromJSONSchema>[0]);
    example = validator.safeParse(input.examplePayload);
  } catch (e) {
    throw new Invalid(`payloadSchema is not a usable JSON Schema: ${(e as Error).message}`, [{ path: "payloadSchema", message: "not a usable JSON Schema" }]);
  }
  if (!example.success) {
    throw new Invalid("examplePayload does not match payloadSchema", [
      { path: "examplePayload", message: example.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") },
    ]);
  }
  const existing = await latestEventType(db, input.name);
  try {
    const [row] = await db
      .insert(eventTypes)
      .values({
        name: input.name,
        area: input.name.split(".")[0],
        description: input.description,
        payloadSchema: input.payloadSchema,
        examplePayload: input.examplePayload,
        version: existing ? existing.version + 1 : 1,
      })
      .returning();
    typeCache.delete(input.name);
    return toEventType(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("This event type changed at the same time; try again");
    throw err;
  }
}
