// What a new version of an application changes against the live one, field by field: what the
// reviewer reads on the review page. Pure: no database, no React. A first submission (no live
// version) is all "added".

/** The fields of an ApplicationVersion the diff reads (the API's shape, or a row's). */
export type VersionLike = {
  version: string;
  requestedScopes: readonly string[];
  redirectUris: readonly string[];
  mappableFields: readonly string[];
  webhookUrl: string | null;
  healthCheckUrl: string | null;
  configSchema: Record<string, unknown> | null;
  scopeJustifications: Readonly<Record<string, string>>;
};

/** A list field: items in the candidate only, in live only, in both (each without duplicates, in list order). */
export type ListDiff = { added: string[]; removed: string[]; unchanged: string[]; changed: boolean };

/** A single value: `before` is null when there is no live version (or the live value was unset). */
export type ScalarDiff = { before: string | null; after: string | null; changed: boolean };

/** The configuration schema, compared as JSON (key order does not count), shown pretty-printed. */
export type JsonDiff = { before: string | null; after: string | null; changed: boolean };

/** A scope whose justification was added, changed or dropped (null: none). */
export type JustificationChange = { scope: string; before: string | null; after: string | null };

export type VersionDiff = {
  /** No live version: everything in the candidate is added. */
  firstVersion: boolean;
  version: ScalarDiff;
  requestedScopes: ListDiff;
  redirectUris: ListDiff;
  mappableFields: ListDiff;
  webhookUrl: ScalarDiff;
  healthCheckUrl: ScalarDiff;
  configSchema: JsonDiff;
  scopeJustifications: JustificationChange[];
  /** Scopes the candidate asks for that installs do not grant today: what the reviewer must look at first. */
  newScopes: string[];
  /** Anything at all differs (the version number counts). */
  changed: boolean;
};

const unique = (items: readonly string[]) => [...new Set(items)];

export function diffList(before: readonly string[], after: readonly string[]): ListDiff {
  const was = new Set(before);
  const is = new Set(after);
  const added = unique(after).filter((x) => !was.has(x));
  const removed = unique(before).filter((x) => !is.has(x));
  const unchanged = unique(after).filter((x) => was.has(x));
  return { added, removed, unchanged, changed: added.length > 0 || removed.length > 0 };
}

function diffScalar(before: string | null, after: string | null): ScalarDiff {
  return { before, after, changed: before !== after };
}

/** JSON with object keys sorted at every level: two schemas that differ only in key order compare equal. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value ?? null));
}

function diffJson(before: Record<string, unknown> | null, after: Record<string, unknown> | null): JsonDiff {
  const pretty = (v: Record<string, unknown> | null) => (v == null ? null : JSON.stringify(v, null, 2));
  return { before: pretty(before), after: pretty(after), changed: canonical(before) !== canonical(after) };
}

function diffJustifications(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): JustificationChange[] {
  const text = (v: string | undefined) => (v && v.trim() ? v : null);
  const scopes = unique([...Object.keys(after), ...Object.keys(before)]);
  return scopes
    .map((scope) => ({ scope, before: text(before[scope]), after: text(after[scope]) }))
    .filter((c) => c.before !== c.after);
}

const empty: VersionLike = {
  version: "",
  requestedScopes: [],
  redirectUris: [],
  mappableFields: [],
  webhookUrl: null,
  healthCheckUrl: null,
  configSchema: null,
  scopeJustifications: {},
};

/** The candidate version against the live one (null before the first publish). */
export function diffVersions(live: VersionLike | null, candidate: VersionLike): VersionDiff {
  const base = live ?? empty;
  const d = {
    firstVersion: live === null,
    version: diffScalar(live ? live.version : null, candidate.version),
    requestedScopes: diffList(base.requestedScopes, candidate.requestedScopes),
    redirectUris: diffList(base.redirectUris, candidate.redirectUris),
    mappableFields: diffList(base.mappableFields, candidate.mappableFields),
    webhookUrl: diffScalar(base.webhookUrl, candidate.webhookUrl),
    healthCheckUrl: diffScalar(base.healthCheckUrl, candidate.healthCheckUrl),
    configSchema: diffJson(base.configSchema, candidate.configSchema),
    scopeJustifications: diffJustifications(base.scopeJustifications ?? {}, candidate.scopeJustifications ?? {}),
  };
  const changed =
    d.version.changed ||
    d.requestedScopes.changed ||
    d.redirectUris.changed ||
    d.mappableFields.changed ||
    d.webhookUrl.changed ||
    d.healthCheckUrl.changed ||
    d.configSchema.changed ||
    d.scopeJustifications.length > 0;
  return { ...d, newScopes: d.requestedScopes.added, changed };
}
