import { z } from "zod";
import { formErrorMap } from "@/components/forms/error-map";
import { cleanUris, redirectUriRows } from "@/components/oauth-clients/redirect-uris-editor";
import { CreateApplication, UpdateApplication } from "@/lib/applications/schemas";
import { compareSemver, isSemver } from "@/lib/applications/semver";
import type { Application } from "./types";

// The app form's values (what the controls hold: strings, lists, rows) and how they become the
// API's own CreateApplication / UpdateApplication bodies, which they are piped into at the end:
// the browser checks the same rules the server will. Drafts may hold what review refuses (an http
// redirect URI, no privacy policy): the security checks at submit name those, so the redirect URI
// rows here check shape only, not the OAuth clients' https rule.

/** A text field that may be left blank (null), else checked by the API's own schema for it. */
function blankOr(schema: z.ZodType) {
  return z
    .string()
    .trim()
    .transform((v, ctx): string | null => {
      if (!v) return null;
      const r = schema.safeParse(v, { error: formErrorMap });
      if (r.success) return r.data as string;
      for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });
}

const RedirectRows = z.array(z.object({ uri: z.string().trim().max(2000) })).max(20);

const fields = {
  name: CreateApplication.shape.name,
  description: z.string().trim().max(10_000),
  category: blankOr(z.string().max(60)),
  websiteUrl: blankOr(CreateApplication.shape.websiteUrl),
  logoUrl: blankOr(CreateApplication.shape.logoUrl),
  privacyPolicyUrl: blankOr(CreateApplication.shape.privacyPolicyUrl),
  supportEmail: blankOr(CreateApplication.shape.supportEmail),
  requestedScopes: UpdateApplication.shape.requestedScopes.unwrap(),
  scopeJustifications: z.record(z.string(), z.string().trim().max(1000)),
  redirectUris: RedirectRows,
  webhookUrl: blankOr(CreateApplication.shape.webhookUrl),
  healthCheckUrl: blankOr(CreateApplication.shape.healthCheckUrl),
};

export type AppFormValues = z.input<z.ZodObject<typeof fields>>;

/** Which wizard step (0-based) holds each field: where a server error sends the partner back to. */
export const stepOfField: Record<string, number> = {
  name: 0,
  description: 0,
  category: 0,
  websiteUrl: 0,
  logoUrl: 0,
  privacyPolicyUrl: 0,
  supportEmail: 0,
  requestedScopes: 1,
  scopeJustifications: 1,
  redirectUris: 1,
  webhookUrl: 2,
  healthCheckUrl: 2,
};

export const stepFields = [0, 1, 2].map((step) => Object.keys(stepOfField).filter((f) => stepOfField[f] === step)) as (keyof AppFormValues)[][];

/** Scopes that need a justification: every write: and manage: scope. */
export const needsJustification = (scope: string) => /^(write|manage):/.test(scope);

/** The justifications of the requested scopes that need one, blank ones dropped, in scope order. */
function justificationsFor(scopes: readonly string[], given: Record<string, string>): Record<string, string> {
  return Object.fromEntries(scopes.filter(needsJustification).flatMap((s) => (given[s]?.trim() ? [[s, given[s].trim()]] : [])));
}

type Parsed = z.output<z.ZodObject<typeof fields>>;

function structural(v: Parsed) {
  return {
    requestedScopes: [...new Set(v.requestedScopes)],
    scopeJustifications: justificationsFor(v.requestedScopes, v.scopeJustifications),
    redirectUris: [...new Set(cleanUris(v.redirectUris))],
    webhookUrl: v.webhookUrl,
    healthCheckUrl: v.healthCheckUrl,
  };
}

const cosmetic = (v: Parsed) => ({
  name: v.name,
  description: v.description,
  category: v.category,
  websiteUrl: v.websiteUrl,
  logoUrl: v.logoUrl,
  privacyPolicyUrl: v.privacyPolicyUrl,
  supportEmail: v.supportEmail,
});

/** The wizard's form: everything, piped into the API's CreateApplication. */
export const CreateAppForm = z
  .object(fields)
  .transform((v): z.input<typeof CreateApplication> => ({ ...cosmetic(v), ...structural(v) }))
  .pipe(CreateApplication);

export const emptyAppForm: AppFormValues = {
  name: "",
  description: "",
  category: "",
  websiteUrl: "",
  logoUrl: "",
  privacyPolicyUrl: "",
  supportEmail: "",
  requestedScopes: [],
  scopeJustifications: {},
  redirectUris: redirectUriRows([]),
  webhookUrl: "",
  healthCheckUrl: "",
};

/** The form's values for an app as it is now: the cosmetic fields and the current (newest) version. */
export function appFormValues(app: Application): AppFormValues & { version: string; changelog: string } {
  const v = app.currentVersion;
  const pending = app.liveVersion && v.id !== app.liveVersion.id;
  return {
    name: app.name,
    description: app.description,
    category: app.category ?? "",
    websiteUrl: app.websiteUrl ?? "",
    logoUrl: app.logoUrl ?? "",
    privacyPolicyUrl: app.privacyPolicyUrl ?? "",
    supportEmail: app.supportEmail ?? "",
    requestedScopes: [...v.requestedScopes],
    scopeJustifications: { ...v.scopeJustifications },
    redirectUris: redirectUriRows(v.redirectUris),
    webhookUrl: v.webhookUrl ?? "",
    healthCheckUrl: v.healthCheckUrl ?? "",
    version: pending ? v.version : app.liveVersion ? nextMinor(app.liveVersion.version) : v.version,
    changelog: pending ? v.changelog : "",
  };
}

/** 1.4.2 → 1.5.0: the version a change is suggested to open. */
export function nextMinor(version: string): string {
  const m = /^(\d+)\.(\d+)\.\d+/.exec(version);
  return m ? `${m[1]}.${Number(m[2]) + 1}.0` : version;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const sameRecord = (a: Record<string, string>, b: Record<string, string>) =>
  sameSet(Object.keys(a), Object.keys(b)) && Object.keys(a).every((k) => a[k] === b[k]);

/** The versioned fields `v` changes compared with `base` (order of lists aside), as the PATCH body carries them. */
function structuralChanges(next: ReturnType<typeof structural>, base: ReturnType<typeof structural>) {
  const changes: Partial<ReturnType<typeof structural>> = {};
  if (!sameSet(next.requestedScopes, base.requestedScopes)) changes.requestedScopes = next.requestedScopes;
  if (!sameRecord(next.scopeJustifications, base.scopeJustifications)) changes.scopeJustifications = next.scopeJustifications;
  if (next.redirectUris.join("\n") !== base.redirectUris.join("\n")) changes.redirectUris = next.redirectUris;
  if (next.webhookUrl !== base.webhookUrl) changes.webhookUrl = next.webhookUrl;
  if (next.healthCheckUrl !== base.healthCheckUrl) changes.healthCheckUrl = next.healthCheckUrl;
  return changes;
}

const editFields = { ...fields, version: z.string().trim().max(40), changelog: z.string().trim().max(5000) };
export type EditAppFormValues = z.input<z.ZodObject<typeof editFields>>;

/** True when the values change a versioned field of the app (what opens a new reviewed version once published). */
export function changesVersionedFields(values: EditAppFormValues, app: Application): boolean {
  const parsed = z.object(fields).safeParse(values);
  const baseline = z.object(fields).parse(appFormValues(app));
  if (!parsed.success) {
    // Mid-typing (an invalid URL): compare the raw lists and strings instead.
    const raw = values;
    const b = appFormValues(app);
    return (
      !sameSet(raw.requestedScopes, b.requestedScopes) ||
      cleanUris(raw.redirectUris).join("\n") !== cleanUris(b.redirectUris).join("\n") ||
      raw.webhookUrl.trim() !== b.webhookUrl ||
      raw.healthCheckUrl.trim() !== b.healthCheckUrl ||
      !sameRecord(justificationsFor(raw.requestedScopes, raw.scopeJustifications), justificationsFor(b.requestedScopes, b.scopeJustifications))
    );
  }
  return Object.keys(structuralChanges(structural(parsed.data), structural(baseline))).length > 0;
}

/**
 * The Overview form of one app: cosmetic fields always, versioned fields only when they change,
 * and for a published app such a change needs a new version (higher than the live one) and a changelog.
 */
export function editAppForm(app: Application) {
  const baseline = structural(z.object(fields).parse(appFormValues(app)));
  const live = app.liveVersion;
  return z
    .object(editFields)
    .transform((v, ctx): z.input<typeof UpdateApplication> => {
      const changes = structuralChanges(structural(v), baseline);
      const versioning = !!live && Object.keys(changes).length > 0;
      if (versioning) {
        if (!v.version) ctx.addIssue({ code: "custom", path: ["version"], message: `A change to a published app needs a new version, higher than ${live.version}.` });
        else if (!isSemver(v.version)) ctx.addIssue({ code: "custom", path: ["version"], message: "Use a semantic version such as 1.2.0." });
        else if (compareSemver(v.version, live.version) <= 0) ctx.addIssue({ code: "custom", path: ["version"], message: `Must be higher than the live ${live.version}.` });
        if (!v.changelog) ctx.addIssue({ code: "custom", path: ["changelog"], message: "Say what changed in this version." });
      }
      return { ...cosmetic(v), ...changes, ...(versioning ? { version: v.version, changelog: v.changelog } : {}) };
    })
    .pipe(UpdateApplication);
}
