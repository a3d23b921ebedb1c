import type { FieldError } from "@/components/api/api-fetch";

/** One form field's share of a failed request: the messages of every server error that lands on it. */
export type PlacedError = { name: string; message: string; errors: FieldError[] };

/**
 * The paths a form can show an error at, read from its values (every field of our forms has a
 * default value): each key of an object, and each item of a list of objects (`redirectUris.0`,
 * a row of a field array). A list of plain values (`scopes: ["read:*"]`) is one field, not one per item.
 */
export function formPaths(values: unknown): Set<string> {
  const paths = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isPlainObject(item)) {
          paths.add(`${prefix}.${i}`);
          walk(item, `${prefix}.${i}`);
        }
      });
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        const path = prefix ? `${prefix}.${key}` : key;
        paths.add(path);
        walk(item, path);
      }
    }
  };
  walk(values, "");
  return paths;
}

/**
 * Puts each server field error on the field it names, or on that field's nearest ancestor the form has
 * (`redirectUris.7` → `redirectUris` when there is no row 7; `data.customer.id` → `data`, a JSON textarea).
 * The first error for a field gives its message; `errors` keeps them all. Anything with no field to go to
 * (`(body)`, a field the form does not have) is `unplaced`: the form shows it as a whole.
 */
export function placeServerErrors(errors: readonly FieldError[], paths: ReadonlySet<string>): { placed: PlacedError[]; unplaced: FieldError[] } {
  const placed = new Map<string, PlacedError>();
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const name = nearestField(error.path, paths);
    if (!name) {
      unplaced.push(error);
      continue;
    }
    const at = placed.get(name);
    if (at) at.errors.push(error);
    else placed.set(name, { name, message: error.message, errors: [error] });
  }
  return { placed: [...placed.values()], unplaced };
}

function nearestField(path: string, paths: ReadonlySet<string>): string | undefined {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (paths.has(candidate)) return candidate;
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
