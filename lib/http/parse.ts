import type { z } from "zod";
import { DomainError, type FieldError } from "@/lib/errors";
import { findUnsafeStrings, hasUnsafeChars, unsafeCharsMessage } from "@/lib/validation/unsafe-strings";

export const MAX_BODY_BYTES = 1024 * 1024;
/** Deeper JSON is refused before parsing: no schema here nests anywhere near it, and recursion downstream stays bounded. */
export const MAX_JSON_DEPTH = 64;

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const at = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "(root)");
  return issues.flatMap((i) =>
    // An unknown key is reported on its parent by zod; name the key itself so clients see which field to drop.
    i.code === "unrecognized_keys"
      ? i.keys.map((k) => ({ path: at([...i.path, k]), message: "Unknown field" }))
      : [{ path: at(i.path), message: i.message }],
  );
}

function invalid(where: string, errors: FieldError[]): DomainError {
  const names = errors.map((e) => e.path).join(", ");
  return new DomainError("VALIDATION_FAILED", `Invalid ${where}: ${names}`, errors);
}

/** Reads at most MAX_BODY_BYTES without buffering a larger body first. */
export async function readBodyText(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge() {
  return new DomainError("PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes`, [
    { path: "(body)", message: "Too large" },
  ]);
}

export function parseJsonText(text: string, req: Request): unknown {
  const type = req.headers.get("content-type") ?? "";
  if (text.trim() === "") return {};
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json", [
      { path: "(body)", message: `content-type ${type} is not JSON` },
    ]);
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new DomainError("JSON_TOO_DEEP", `The body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`, [
      { path: "(body)", message: `Nested deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DomainError("MALFORMED_JSON", `The body is not valid JSON: ${(e as Error).message}`, [
      { path: "(body)", message: "Malformed JSON" },
    ]);
  }
  const unsafe = findUnsafeStrings(value);
  if (unsafe.length) throw invalid("request body", unsafe);
  return value;
}

/** Whether brackets outside strings nest deeper than `limit`: one pass, no recursion. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* backslash */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/**
 * Query and path parameters holding NUL or a lone surrogate: 400 naming the
 * parameter (a body field gets 422; a parameter is part of the request's shape).
 */
export function rejectUnsafeParams(params: Record<string, string | string[]>, where: "query" | "path"): void {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(params)) {
    const bad = (Array.isArray(value) ? value : [value]).find(hasUnsafeChars) ?? (hasUnsafeChars(name) ? name : undefined);
    if (bad !== undefined) errors.push({ path: hasUnsafeChars(name) ? "(query)" : name, message: unsafeCharsMessage(bad) });
  }
  if (errors.length) {
    throw new DomainError("INVALID_REQUEST", `Invalid ${where} parameter: ${errors.map((e) => e.path).join(", ")}`, errors);
  }
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(where, zodIssuesToFieldErrors(result.error.issues));
  return result.data;
}

export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}
