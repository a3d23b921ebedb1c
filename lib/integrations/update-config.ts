import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { integrations } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Invalid } from "@/lib/errors";
import { openSecrets, sealSecrets, secretFieldNames } from "./config-secrets";
import { getIntegration, loadForConfigure } from "./integration-item";
import type { Integration, UpdateIntegration } from "./schemas";
import { validateConfig } from "./validate-config";

/** Settings are a form's worth of values, not a document store. */
export const MAX_CONFIG_CHARS = 64_000;

/**
 * PATCH /integrations/{id} {config}: the account's owner or admin sets the app's settings,
 * validated against the live version's configSchema. `config` is the whole set of plain
 * settings (one left out is removed, as a settings form submits); a secret one left out keeps
 * its stored value, so the form need not (and cannot) send it back; `null` clears a setting.
 */
export async function updateIntegrationConfig(db: Db, principal: Principal, id: string, input: UpdateIntegration): Promise<Integration> {
  await db.transaction(async (tx) => {
    const l = await loadForConfigure(tx, principal, id);
    const secretNames = new Set(secretFieldNames(l.configSchema));
    const stored = openSecrets(l.row.secretConfigCiphertext);
    const plain: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    // Secrets of fields the new live version no longer marks secret are dropped, not moved into plain sight.
    for (const name of secretNames) if (stored[name] !== undefined && stored[name] !== null) secrets[name] = stored[name];
    for (const [k, v] of Object.entries(input.config)) {
      if (secretNames.has(k)) {
        if (v === null) delete secrets[k];
        else secrets[k] = v;
      } else if (v !== null) plain[k] = v;
    }
    const errors = validateConfig(l.configSchema, { ...plain, ...secrets });
    if (JSON.stringify({ ...plain, ...secrets }).length > MAX_CONFIG_CHARS) errors.push({ path: "config", message: `must be at most ${MAX_CONFIG_CHARS / 1000} kB of JSON` });
    if (errors.length) throw new Invalid(`Invalid settings: ${errors.map((e) => e.path).join(", ")}`, errors);
    await tx
      .update(integrations)
      .set({ config: plain, secretConfigCiphertext: sealSecrets(secrets), updatedAt: new Date() })
      .where(eq(integrations.id, l.row.id));
  });
  return getIntegration(db, principal, id);
}
