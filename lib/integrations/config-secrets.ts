import { seal, unseal } from "@/lib/crypto/secret-box";

// An app's settings may hold credentials of the agency's own systems (an API key, a password).
// The configSchema marks them (`format: "password"` or `writeOnly: true` on a top-level setting);
// their values are sealed together in integrations.secret_config_ciphertext with APP_ENCRYPTION_KEY
// and never leave the server again: the item lists them as `secretFields: [{name, set}]`.

type Schema = Record<string, unknown> | null | undefined;

/** The top-level settings the schema marks secret, in the schema's order. */
export function secretFieldNames(schema: Schema): string[] {
  const props = schema && typeof schema.properties === "object" && schema.properties ? (schema.properties as Record<string, unknown>) : {};
  return Object.entries(props)
    .filter(([, p]) => !!p && typeof p === "object" && ((p as Record<string, unknown>).format === "password" || (p as Record<string, unknown>).writeOnly === true))
    .map(([name]) => name);
}

/** The stored secret values ({} when none, or when sealed under a key no longer configured). */
export function openSecrets(ciphertext: string | null): Record<string, unknown> {
  if (!ciphertext) return {};
  try {
    const v = JSON.parse(unseal(ciphertext)) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    // A rotated APP_ENCRYPTION_KEY makes old secrets unreadable: they count as unset, to be entered again.
    return {};
  }
}

export function sealSecrets(values: Record<string, unknown>): string | null {
  return Object.keys(values).length ? seal(JSON.stringify(values)) : null;
}
