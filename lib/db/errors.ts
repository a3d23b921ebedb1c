/** Postgres error code of a failed query, looking through drizzle's wrapper (same on postgres.js and PGlite). */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === "object"; i++) {
    const c = (e as { constraint?: unknown; constraint_name?: unknown }).constraint ?? (e as { constraint_name?: unknown }).constraint_name;
    if (typeof c === "string") return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === "23505";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids in paths are checked before they reach SQL: a malformed id is simply not found. */
export const isUuid = (v: string | null | undefined): v is string => !!v && UUID.test(v);

// ---------------------------------------------------------------------------
// Describing errors for logs.
//
// A failed query's error carries everything that went into it: drizzle's
// DrizzleQueryError says `Failed query: <sql>\nparams: <values>` in its message
// (and keeps `.query`/`.params`), PGlite's error keeps `.query` and `.params`,
// postgres.js keeps them as hidden properties, and the driver's own message
// quotes the offending value for data errors (`invalid input syntax for type
// uuid: "…"`). Values are key hashes, prefixes, emails, sealed secrets; SQL
// text can hold values too (EXECUTE of a prepared statement spells them out).
// So a log line names the statement by its verb and table, the SQLSTATE, the
// constraint, and the driver's message only for classes whose messages name
// schema objects and never values.

/** SQLSTATE classes whose server messages hold identifiers only (no values). */
const MESSAGE_SAFE_CLASSES = new Set(["08", "0A", "23", "25", "40", "42", "53", "54", "55", "57"]);

const SQLSTATE_NAMES: Record<string, string> = {
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22021": "character_not_in_repertoire",
  "22P02": "invalid_text_representation",
  "22P05": "untranslatable_character",
  "23502": "not_null_violation",
  "23503": "foreign_key_violation",
  "23505": "unique_violation",
  "23514": "check_violation",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "42703": "undefined_column",
  "42P01": "undefined_table",
  "53300": "too_many_connections",
  "57014": "query_canceled",
  "57P01": "admin_shutdown",
};

const MAX_MESSAGE = 200;
const MAX_FRAMES = 6;
const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QUALIFIED = `${IDENT}(?:\\.${IDENT})?`;

/** A failed statement's verb and table (`insert into users`, `select from api_keys`, `execute portico_publish`): never its values. */
export function statementLabel(sqlText: string): string {
  const s = sqlText.replace(/\s+/g, " ").trim();
  const verb = (/^[A-Za-z]+/.exec(s)?.[0] ?? "").toLowerCase();
  const clean = (id: string) => id.replace(/"/g, "").slice(0, 63);
  if (verb === "execute" || verb === "prepare" || verb === "deallocate") {
    const name = new RegExp(`^${verb} (${IDENT})`, "i").exec(s)?.[1];
    return name ? `${verb} ${clean(name)}` : verb;
  }
  const found =
    match(s, new RegExp(`\\binsert into (${QUALIFIED})`, "i"), "insert into") ??
    match(s, new RegExp(`\\bupdate (${QUALIFIED}) set\\b`, "i"), "update") ??
    match(s, new RegExp(`\\bdelete from (${QUALIFIED})`, "i"), "delete from") ??
    match(s, new RegExp(`\\bfrom (${QUALIFIED})`, "i"), "select from");
  if (!found) return verb || "statement";
  const [what, table] = found;
  const label = `${what} ${clean(table)}`;
  return verb === "with" ? `with … ${label}` : verb === "select" || what !== "select from" ? label : `${verb} … from ${clean(table)}`;
}

function match(s: string, re: RegExp, what: string): [string, string] | undefined {
  const m = re.exec(s);
  return m ? [what, m[1]] : undefined;
}

type ErrorFields = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
  stack?: unknown;
};

const isSqlState = (code: unknown): code is string => typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);

/** drizzle's DrizzleQueryError (it sets no name of its own), recognised by shape so two copies of drizzle agree. */
function isQueryWrapper(e: ErrorFields): boolean {
  return typeof e.query === "string" && Array.isArray(e.params) && typeof e.message === "string" && e.message.startsWith("Failed query:");
}

function clip(s: string, max = MAX_MESSAGE): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** A message that may embed a failed query: everything from `Failed query:` on is dropped. */
function scrub(message: string): string {
  const at = message.search(/Failed query:|\bparams:/);
  return at < 0 ? message : `${message.slice(0, at)}[query redacted]`;
}

/** The stack's frames only: its first lines repeat the message, which may hold values. */
function stackFrames(err: ErrorFields): string {
  if (typeof err.stack !== "string") return "";
  const head = `${String(err.name ?? "Error")}${err.message ? `: ${String(err.message)}` : ""}`;
  if (!err.stack.startsWith(head)) return "";
  const lines = err.stack
    .slice(head.length)
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, MAX_FRAMES);
  return lines.length ? `\n${lines.join("\n")}` : "";
}

function describeDbFailure(e: ErrorFields, wrapper: ErrorFields | undefined): string {
  const sqlText = typeof wrapper?.query === "string" ? wrapper.query : typeof e.query === "string" ? e.query : undefined;
  const parts = [`db: ${sqlText ? `"${statementLabel(sqlText)}"` : "query"} failed`];
  if (isSqlState(e.code)) {
    parts.push(`SQLSTATE ${e.code}${SQLSTATE_NAMES[e.code] ? ` ${SQLSTATE_NAMES[e.code]}` : ""}`);
    const constraint = e.constraint ?? e.constraint_name;
    if (typeof constraint === "string") parts.push(`constraint ${clip(constraint, 63)}`);
    if (MESSAGE_SAFE_CLASSES.has(e.code.slice(0, 2)) && typeof e.message === "string") parts.push(clip(e.message));
  } else if (e !== wrapper) {
    // Not a server error: the driver or the connection (refused, closed, timed out) said it, without values.
    const code = typeof e.code === "string" ? ` ${clip(e.code, 40)}` : "";
    parts.push(`${clip(String(e.name ?? "Error"), 40)}${code}: ${clip(scrub(String(e.message ?? "")))}`);
  }
  return parts.join(": ");
}

/**
 * One log line for any thrown value, safe to write: no SQL parameters, no
 * values quoted by the database, no SQL text. Use it wherever a caught error is
 * logged. `frames` (default true) appends where it was thrown (stack frames,
 * without the message they start with); operational failures logged again and
 * again (a heartbeat during an outage) pass false and stay one line. Never throws.
 */
export function describeError(err: unknown, opts: { frames?: boolean } = {}): string {
  try {
    return describe(err, opts.frames ?? true);
  } catch {
    return "unprintable error";
  }
}

function describe(err: unknown, withFrames: boolean): string {
  const frames = (e: ErrorFields) => (withFrames ? stackFrames(e) : "");
  if (!err || typeof err !== "object") return `thrown ${typeof err}: ${clip(scrub(String(err)))}`;
  // Look through causes for the database's error and the query wrapper around it.
  const chain: ErrorFields[] = [];
  for (let e: unknown = err; e && typeof e === "object" && chain.length < 5; e = (e as ErrorFields).cause) chain.push(e as ErrorFields);
  const wrapper = chain.find(isQueryWrapper);
  const server = chain.find((e) => isSqlState(e.code) && typeof e.message === "string");
  const top = chain[0];
  if (wrapper || server) {
    const db = describeDbFailure(server ?? chain[chain.indexOf(wrapper!) + 1] ?? wrapper!, wrapper);
    const outer = top === wrapper || top === server ? "" : `${clip(String(top.name ?? "Error"), 40)}: ${clip(scrub(String(top.message ?? "")))} ← `;
    return `${outer}${db}${frames(wrapper ?? top)}`;
  }
  return `${clip(String(top.name ?? "Error"), 40)}: ${clip(scrub(String(top.message ?? "")))}${frames(top)}`;
}
