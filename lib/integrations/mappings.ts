import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationMappings } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Invalid, type FieldError } from "@/lib/errors";
import { latestEventType } from "@/lib/events/event-types";
import { explainMappings, applyMappings } from "./apply-mappings";
import { loadForConfigure, loadIntegration } from "./integration-item";
import { platformFieldIndex } from "./platform-fields";
import type { FieldType, Mapping, MappingList, MappingPreview, PlatformField, PreviewMappings, ReplaceMappings, Transform } from "./schemas";

// GET/PUT /integrations/{id}/mappings and POST …/mappings/preview.

const fits: Record<Transform, FieldType[] | null> = {
  none: null,
  trim: ["string"],
  lowercase: ["string"],
  uppercase: ["string"],
  cents_to_decimal: ["integer", "number"],
  date_iso: ["string", "integer", "number"],
};

/** Every rule a set of mappings breaks, as `mappings.<n>.<field>` errors. */
export function mappingErrors(mappings: readonly Mapping[], fields: Map<string, PlatformField>, mappableFields: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const targets = new Map<string, number>();
  const sources = new Map<string, number>();
  const allowed = new Set(mappableFields);
  mappings.forEach((m, n) => {
    const at = (f: string) => `mappings.${n}.${f}`;
    const field = fields.get(m.sourceField);
    if (!field) errors.push({ path: at("sourceField"), message: `${m.sourceField} is not a platform field (see GET /integrations/fields)` });
    else {
      const types = fits[m.transform];
      if (types && field.type !== "unknown" && !types.includes(field.type)) {
        errors.push({ path: at("transform"), message: `${m.transform} does not apply to ${m.sourceField} (a ${field.type})` });
      }
    }
    // One row per source field and integration (integration_mappings_source_uq).
    if (sources.has(m.sourceField)) errors.push({ path: at("sourceField"), message: `${m.sourceField} is already mapped by mappings.${sources.get(m.sourceField)}` });
    else sources.set(m.sourceField, n);
    if (allowed.size && !allowed.has(m.targetField)) {
      errors.push({ path: at("targetField"), message: `${m.targetField} is not one of the app's mappable fields (${[...allowed].slice(0, 20).join(", ")})` });
    }
    if (targets.has(m.targetField)) errors.push({ path: at("targetField"), message: `${m.targetField} is already the target of mappings.${targets.get(m.targetField)}` });
    else targets.set(m.targetField, n);
  });
  return errors;
}

async function storedMappings(db: Db, integrationId: string) {
  return db
    .select()
    .from(integrationMappings)
    .where(eq(integrationMappings.integrationId, integrationId))
    .orderBy(asc(integrationMappings.createdAt), asc(integrationMappings.sourceField));
}

const toList = (rows: Awaited<ReturnType<typeof storedMappings>>, mappableFields: string[] | null): MappingList => ({
  data: rows.map((r) => ({
    sourceField: r.sourceField,
    targetField: r.targetField,
    transform: (r.transform ?? "none") as Transform,
    updatedAt: r.updatedAt.toISOString(),
  })),
  targetFields: mappableFields ?? [],
});

export async function listMappings(db: Db, principal: Principal, id: string): Promise<MappingList> {
  const l = await loadIntegration(db, principal, id);
  return toList(await storedMappings(db, l.row.id), l.mappableFields);
}

/** PUT: replaces the whole set, validated against the platform fields and the app's live version. */
export async function replaceMappings(db: Db, principal: Principal, id: string, input: ReplaceMappings): Promise<MappingList> {
  const fields = await platformFieldIndex(db);
  return db.transaction(async (tx) => {
    const l = await loadForConfigure(tx, principal, id);
    const errors = mappingErrors(input.mappings, fields, l.mappableFields ?? []);
    if (errors.length) throw new Invalid(`Invalid mappings: ${errors.map((e) => e.path).join(", ")}`, errors);
    await tx.delete(integrationMappings).where(eq(integrationMappings.integrationId, l.row.id));
    const now = new Date();
    // createdAt spaced by a millisecond keeps the order they were sent in.
    if (input.mappings.length) {
      await tx.insert(integrationMappings).values(
        input.mappings.map((m, i) => ({
          integrationId: l.row.id,
          sourceField: m.sourceField,
          targetField: m.targetField,
          transform: m.transform,
          createdAt: new Date(now.getTime() + i),
          updatedAt: now,
        })),
      );
    }
    return toList(await storedMappings(tx, l.row.id), l.mappableFields);
  });
}

/**
 * POST …/mappings/preview: what the stored mappings (or `mappings`, unsaved: the editor's live
 * preview) make of a sample event, with each mapping's input and output.
 */
export async function previewMappings(db: Db, principal: Principal, id: string, input: PreviewMappings): Promise<MappingPreview> {
  const l = await loadIntegration(db, principal, id);
  const type = await latestEventType(db, input.event.type);
  if (!type) throw new Invalid(`Unknown event type ${input.event.type}`, [{ path: "event.type", message: "not an event type (see GET /event-types)" }]);
  let rules: Mapping[];
  if (input.mappings) {
    const errors = mappingErrors(input.mappings, await platformFieldIndex(db), l.mappableFields ?? []);
    if (errors.length) throw new Invalid(`Invalid mappings: ${errors.map((e) => e.path).join(", ")}`, errors);
    rules = input.mappings;
  } else {
    rules = (await storedMappings(db, l.row.id)).map((r) => ({ sourceField: r.sourceField, targetField: r.targetField, transform: (r.transform ?? "none") as Transform }));
  }
  const event = { type: input.event.type, data: input.event.data ?? type.examplePayload };
  return { type: event.type, data: event.data, mapped: { ...applyMappings(event, rules) }, results: explainMappings(event, rules) };
}
