import type { FieldError } from "@/lib/errors";

// Postgres refuses NUL in text and jsonb, and a lone UTF-16 surrogate cannot be
// encoded as UTF-8: either one reaching the database is a 500. They are refused
// at the boundary instead, naming where they were found.

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnsafeChars(s: string): boolean {
  return UNSAFE.test(s);
}

export function unsafeCharsMessage(s: string): string {
  return s.includes("\u0000") ? "Must not contain NUL characters" : "Must be valid Unicode (no lone surrogates)";
}

/**
 * Every string in a parsed JSON value (keys included) that holds NUL or a lone
 * surrogate, as field errors with dotted paths. Walks iteratively: the value may
 * be as deep as the JSON depth limit allows.
 */
export function findUnsafeStrings(value: unknown, root = ""): FieldError[] {
  const errors: FieldError[] = [];
  const stack: [unknown, string][] = [[value, root]];
  const join = (base: string, key: string) => (base ? `${base}.${key}` : key);
  while (stack.length && errors.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (hasUnsafeChars(v)) errors.push({ path: path || "(root)", message: unsafeCharsMessage(v) });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i))]);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        // A bad key cannot be named as itself; name its parent and say so.
        if (hasUnsafeChars(k)) errors.push({ path: path || "(root)", message: `A field name: ${unsafeCharsMessage(k)}` });
        else stack.push([child, join(path, k)]);
      }
    }
  }
  return errors;
}
