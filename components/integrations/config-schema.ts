import { z } from "zod";
import type { FieldError } from "@/components/api/api-fetch";

// The settings form is generated from the app version's configSchema (a JSON Schema object). Each
// supported property becomes a control; the form holds strings (and booleans for checkboxes), keyed
// by position (`fields.f0`…) so a property name with a dot in it cannot split into a nested path.
// The API validates the saved config again and is the authority (422 naming `config.<property>`).

export type ConfigFieldKind = "string" | "number" | "integer" | "boolean" | "enum";

export type ConfigField = {
  /** The property name (the key in `config`). */
  name: string;
  /** The form's key for it: `f<index>`. */
  key: string;
  kind: ConfigFieldKind;
  label: string;
  description?: string;
  required: boolean;
  default?: unknown;
  format?: "uri" | "email" | "password";
  /** Write-only: `format: "password"` or `writeOnly: true`. Never shown; blank keeps the stored value. */
  secret: boolean;
  /** The choices of an enum. */
  options?: (string | number)[];
};

export type ConfigFormValues = { fields: Record<string, string | boolean> };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** "syncIntervalMinutes" → "Sync interval minutes", where a property has no title. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

function kindOf(p: Record<string, unknown>): ConfigFieldKind | null {
  if (Array.isArray(p.enum) && p.enum.length > 0 && p.enum.every((v) => typeof v === "string" || typeof v === "number")) return "enum";
  const type = Array.isArray(p.type) ? p.type.find((t) => t !== "null") : p.type;
  if (type === "string" || type === "number" || type === "integer" || type === "boolean") return type;
  return null;
}

/**
 * The properties the form can show: required ones first, checkboxes last, otherwise in the order
 * the schema came in (a jsonb column does not keep the author's key order, so that order alone
 * would read at random). Objects, arrays and anything without a simple type are left out: their
 * stored values are kept as they are on save (see configPayload).
 */
export function configFields(schema: unknown): ConfigField[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
  const fields: Omit<ConfigField, "key">[] = [];
  for (const [name, raw] of Object.entries(schema.properties)) {
    if (!isObject(raw)) continue;
    const kind = kindOf(raw);
    if (!kind) continue;
    const format = raw.format === "uri" || raw.format === "email" || raw.format === "password" ? raw.format : undefined;
    fields.push({
      name,
      kind,
      label: typeof raw.title === "string" && raw.title.trim() ? raw.title.trim() : humanize(name),
      description: typeof raw.description === "string" && raw.description.trim() ? raw.description.trim() : undefined,
      required: required.has(name),
      default: raw.default,
      format,
      secret: kind !== "boolean" && (format === "password" || raw.writeOnly === true),
      options: kind === "enum" ? (raw.enum as (string | number)[]) : undefined,
    });
  }
  const rank = (f: Omit<ConfigField, "key">) => (f.kind === "boolean" ? 2 : f.required ? 0 : 1);
  return fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(({ f }, i) => ({ ...f, key: `f${i}` }));
}

/** The form's starting values: the stored config, else the schema's default, else blank. Secrets start blank. */
export function configFormValues(fields: readonly ConfigField[], config: Record<string, unknown>): ConfigFormValues {
  const values: Record<string, string | boolean> = {};
  for (const f of fields) {
    const stored = f.secret ? undefined : config[f.name];
    const value = stored ?? (f.secret ? undefined : f.default);
    if (f.kind === "boolean") values[f.key] = typeof value === "boolean" ? value : value === "true";
    else values[f.key] = value === undefined || value === null || typeof value === "object" ? "" : String(value);
  }
  return { fields: values };
}

const isNumeric = (v: string) => v.trim() !== "" && Number.isFinite(Number(v.trim()));

/**
 * What the browser checks before sending: required values and numbers that parse. Formats, ranges
 * and patterns are the API's to judge; its answer lands on the same fields.
 */
export function configFormSchema(fields: readonly ConfigField[], secretsSet: readonly string[] | null) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    if (f.kind === "boolean") {
      shape[f.key] = z.boolean();
      continue;
    }
    // A secret that is already stored may stay blank (blank keeps it); one never set is required like any other.
    const mustFill = f.required && !(f.secret && (secretsSet === null || secretsSet.includes(f.name)));
    let s: z.ZodType<string> = z.string();
    if (mustFill) s = z.string().refine((v) => v.trim() !== "", "Required.");
    if (f.kind === "number") s = s.refine((v) => v.trim() === "" || isNumeric(v), "Enter a number.");
    if (f.kind === "integer") s = s.refine((v) => v.trim() === "" || (isNumeric(v) && Number.isInteger(Number(v.trim()))), "Enter a whole number.");
    shape[f.key] = s;
  }
  return z.object({ fields: z.object(shape) });
}

/**
 * The `config` to PATCH: every shown setting with a value (blank ones left out, so an optional
 * setting can be cleared), typed as the schema says; secrets only when something was typed (blank
 * keeps the stored one); stored values of properties the form does not show, unchanged.
 */
export function configPayload(fields: readonly ConfigField[], values: ConfigFormValues, stored: Record<string, unknown>): Record<string, unknown> {
  const shown = new Set(fields.map((f) => f.name));
  const config: Record<string, unknown> = Object.fromEntries(Object.entries(stored).filter(([k]) => !shown.has(k)));
  for (const f of fields) {
    const v = values.fields[f.key];
    if (f.kind === "boolean") {
      config[f.name] = v === true;
      continue;
    }
    const text = typeof v === "string" ? v : "";
    if (f.secret) {
      if (text !== "") config[f.name] = text;
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === "") continue;
    if (f.kind === "number" || f.kind === "integer") config[f.name] = Number(trimmed);
    else if (f.kind === "enum") config[f.name] = f.options?.find((o) => String(o) === trimmed) ?? trimmed;
    else config[f.name] = trimmed;
  }
  return config;
}

/** The API's `config.<property>` error paths as the form's `fields.f<n>` (others unchanged: the form shows them whole). */
export function toFormErrors(fields: readonly ConfigField[], errors: readonly FieldError[]): FieldError[] {
  const byName = new Map(fields.map((f) => [f.name, f.key]));
  return errors.map((e) => {
    const m = /^config\.(.+)$/.exec(e.path);
    if (!m) return e;
    // The longest property name that prefixes the rest of the path ("config.url.host" → "url").
    const rest = m[1];
    const name = [...byName.keys()].filter((n) => rest === n || rest.startsWith(`${n}.`)).sort((a, b) => b.length - a.length)[0];
    return name ? { ...e, path: `fields.${byName.get(name)}` } : e;
  });
}
