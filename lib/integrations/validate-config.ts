import { z } from "zod";
import type { FieldError } from "@/lib/errors";
import { zodIssuesToFieldErrors } from "@/lib/http/parse";
import { vetPayloadSchema } from "@/lib/events/vet-payload-schema";

// Settings are checked against the app's configSchema with zod's own JSON Schema compiler
// (z.fromJSONSchema): the very compiler the review's `config_schema_valid` check ran on the schema
// before the app could be published, so every published schema compiles here, formats and all,
// with no second JSON Schema dialect to drift from it (and no new dependency). Its issues carry
// structured paths, which become `config.<field>` in the 422.

const compiled = new Map<string, z.ZodType | Error>();

function validatorFor(schema: Record<string, unknown>): z.ZodType | Error {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (!v) {
    // Reviewed schemas passed this already; a schema that reached the row another way must not slip by.
    const unsafe = vetPayloadSchema(schema, "configSchema");
    try {
      if (unsafe.length) throw new Error(unsafe[0].message);
      v = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (err) {
      v = err instanceof Error ? err : new Error(String(err));
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, v);
  }
  return v;
}

/** What is wrong with `config` under `schema` (null: the app takes no settings), as `config.<field>` errors. */
export function validateConfig(schema: Record<string, unknown> | null, config: Record<string, unknown>): FieldError[] {
  if (!schema) {
    return Object.keys(config).map((k) => ({ path: `config.${k}`, message: "This app has no settings" }));
  }
  const v = validatorFor(schema);
  if (v instanceof Error) return [{ path: "config", message: "The app's configuration schema cannot be used; ask its partner to fix it" }];
  const r = v.safeParse(config);
  if (r.success) return [];
  return zodIssuesToFieldErrors(r.error.issues).map((e) => ({ path: e.path === "(root)" ? "config" : `config.${e.path}`, message: e.message }));
}
