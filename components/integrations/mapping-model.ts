import { z } from "zod";
import { transforms, type Mapping, type PlatformField, type Transform } from "./types";

type MappingIn = { sourceField: string; targetField: string; transform?: Transform | null };

// The field-mapping editor's model: rows as the form holds them, what is sent, and the choices.

export const transformLabels: Record<Transform, string> = {
  none: "As is",
  trim: "Trim spaces",
  lowercase: "Lowercase",
  uppercase: "Uppercase",
  cents_to_decimal: "Cents → decimal (12345 → 123.45)",
  date_iso: "Date → ISO 8601",
};

export const MappingsForm = z.object({
  mappings: z.array(
    z.object({
      sourceField: z.string().min(1, "Choose a platform field."),
      targetField: z.string().trim().min(1, "Name the field in the app."),
      transform: z.enum(transforms),
    }),
  ),
});
export type MappingsFormValues = z.input<typeof MappingsForm>;
export type MappingRow = MappingsFormValues["mappings"][number];

export const emptyRow: MappingRow = { sourceField: "", targetField: "", transform: "none" };

export function mappingRows(mappings: readonly MappingIn[]): MappingsFormValues {
  return {
    mappings: mappings.map((m) => ({
      sourceField: m.sourceField,
      targetField: m.targetField,
      transform: m.transform && (transforms as readonly string[]).includes(m.transform) ? m.transform : "none",
    })),
  };
}

/**
 * The rows as the API takes them; rows not filled in yet are left out (the preview runs on the
 * rest), and `rowOf[n]` is the form row of mapping n, to name a row in the API's answer.
 */
export function completeMappings(rows: readonly (Partial<MappingRow> | undefined)[] | undefined): { mappings: Mapping[]; rowOf: number[] } {
  const mappings: Mapping[] = [];
  const rowOf: number[] = [];
  (rows ?? []).forEach((r, i) => {
    if (!r?.sourceField || !r.targetField?.trim()) return;
    mappings.push({ sourceField: r.sourceField, targetField: r.targetField.trim(), transform: r.transform ?? "none" });
    rowOf.push(i);
  });
  return { mappings, rowOf };
}

/** The fields grouped by their area (the first segment: lead, policy, claim…), each group sorted. */
export function fieldGroups(fields: readonly Pick<PlatformField, "field">[], keep: readonly string[] = []): { area: string; fields: string[] }[] {
  const names = new Set([...fields.map((f) => f.field), ...keep.filter(Boolean)]);
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const area = name.includes(".") ? name.slice(0, name.indexOf(".")) : "other";
    groups.set(area, [...(groups.get(area) ?? []), name]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([area, list]) => ({ area, fields: list.sort() }));
}

/** The event type a preview starts on: a "created" one of the area the first mapping reads from (else of leads), else the first there is. */
export function defaultEventType(types: readonly { name: string; area: string; deprecated?: boolean }[], mappings: readonly MappingIn[]): string | undefined {
  const live = types.filter((t) => !t.deprecated);
  const area = mappings[0]?.sourceField.split(".")[0] ?? "lead";
  return (live.find((t) => t.area === area && t.name.endsWith(".created")) ?? live.find((t) => t.area === area) ?? live[0])?.name;
}
