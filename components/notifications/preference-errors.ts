import type { FieldError } from "@/components/api/api-fetch";

/**
 * A failed save's field errors, by kind: the API names a row by its place in the request
 * (`preferences.3.kind`), and `sent` is that request's list of kinds. What names no row (the body,
 * an index the request did not have) is left for the form-wide alert.
 */
export function placePreferenceErrors(errors: readonly FieldError[], sent: readonly string[]): { byKind: Map<string, string>; unplaced: FieldError[] } {
  const byKind = new Map<string, string>();
  const unplaced: FieldError[] = [];
  for (const e of errors) {
    const m = /^preferences\.(\d+)(?:\.|$)/.exec(e.path);
    const kind = m ? sent[Number(m[1])] : undefined;
    if (!kind) unplaced.push(e);
    else if (!byKind.has(kind)) byKind.set(kind, e.message);
  }
  return { byKind, unplaced };
}
