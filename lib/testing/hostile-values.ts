// The corpus of hostile inputs shared by the API fuzz test (lib/openapi/api-fuzz.test.ts)
// and the e2e fuzz spec (e2e/fuzz.api.spec.ts). Each value has a short label so a
// failing run names exactly what was sent.

export type Hostile = {
  label: string;
  value: unknown;
  /** NUL or a lone surrogate: must be refused (400/422 naming the field), never stored. */
  unsafe?: boolean;
};

const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");
const REAL_LOOKING_UUID = "3f8e2c1a-9b7d-4e6f-8a5b-1c2d3e4f5a6b";

/** Strings: usable anywhere (JSON fields, query and path parameters, form fields). */
export const hostileStrings: Hostile[] = [
  { label: "NUL", value: "\u0000", unsafe: true },
  { label: "a<NUL>b", value: "a\u0000b", unsafe: true },
  { label: "lone high surrogate", value: "\ud800", unsafe: true },
  { label: "lone low surrogate", value: "\udfff", unsafe: true },
  { label: "x<lone surrogate>y", value: "x\udbffy", unsafe: true },
  { label: "100k chars", value: "x".repeat(100_000) },
  { label: "20k emoji", value: "\u{1F600}".repeat(20_000) },
  { label: "empty string", value: "" },
  { label: "whitespace", value: " \t\n " },
  { label: "not-a-uuid", value: "not-a-uuid" },
  { label: "nil uuid", value: "00000000-0000-0000-0000-000000000000" },
  { label: "unknown uuid", value: REAL_LOOKING_UUID },
  { label: "bad percent-encoding", value: "%E0%A4%A" },
  { label: "../..", value: "../.." },
  { label: "sql quote", value: "' or 1=1 --" },
  { label: "like wildcards", value: "%_\\" },
  { label: "date year 0000", value: "0000-01-01T00:00:00Z" },
  { label: "date leap second 9999", value: "9999-12-31T23:59:60Z" },
  { label: "date 9999-12-31 end", value: "9999-12-31T23:59:59.999Z" },
  { label: "date JS max 275760", value: "275760-09-13T00:00:00Z" },
  { label: "date negative year", value: "-000001-01-01T00:00:00Z" },
  { label: "date 0000-01-01", value: "0000-01-01" },
  { label: "date 0001-01-01 +14:00 (year 0 in UTC)", value: "0001-01-01T00:00:00+14:00" },
  { label: "date 2026-02-30", value: "2026-02-30" },
  { label: "string NaN", value: "NaN" },
  { label: "string Infinity", value: "Infinity" },
  { label: "string 1e308", value: "1e308" },
  { label: "string -1", value: "-1" },
  { label: "string 2^53+1", value: "9007199254740993" },
  { label: "string 1.5", value: "1.5" },
  { label: "string 0", value: "0" },
  { label: "forged cursor (year 0000)", value: b64url(JSON.stringify({ t: "0000-01-01T00:00:00.000Z", id: REAL_LOOKING_UUID })) },
  { label: "forged cursor (NUL id)", value: b64url(JSON.stringify({ t: "2026-01-01T00:00:00.000Z", id: "\u0000" })) },
  { label: "forged cursor (not json)", value: b64url("{not json") },
  { label: "forged cursor (year 275760)", value: b64url(JSON.stringify({ t: "+275760-09-13T00:00:00.000Z", id: REAL_LOOKING_UUID })) },
];

/** Non-string JSON values (wrong types, extreme numbers, containers). */
export const hostileJsonValues: Hostile[] = [
  { label: "1e308", value: 1e308 },
  { label: "-1e308", value: -1e308 },
  { label: "-1", value: -1 },
  { label: "0", value: 0 },
  { label: "2^53+1", value: 2 ** 53 + 1 },
  { label: "1.5", value: 1.5 },
  { label: "5e-324", value: 5e-324 },
  { label: "true", value: true },
  { label: "false", value: false },
  { label: "null", value: null },
  { label: "[]", value: [] },
  { label: "{}", value: {} },
  { label: "[NUL]", value: ["\u0000"], unsafe: true },
  { label: "{x: lone surrogate}", value: { x: "\ud800" }, unsafe: true },
  { label: "[[[[1]]]]", value: [[[[1]]]] },
];

/** Every value for a JSON body field. */
export const hostileBodyValues: Hostile[] = [...hostileStrings, ...hostileJsonValues];

/** JSON text nested `depth` levels deep (arrays, or objects under key "a"). */
export function deepJson(depth: number, kind: "array" | "object" = "array"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** Raw bodies that are not JSON objects, or not JSON at all. */
export const hostileRawBodies: Array<{ label: string; body: string; contentType?: string }> = [
  { label: "deep JSON array 10,000", body: deepJson(10_000) },
  { label: "deep JSON object 10,000", body: deepJson(10_000, "object") },
  { label: "deep JSON array 65", body: deepJson(65) },
  { label: "invalid JSON `{`", body: "{" },
  { label: "invalid JSON trailing comma", body: '{"a":1,}' },
  { label: "raw NUL byte", body: "\u0000" },
  { label: "JSON NUL key", body: '{"\\u0000":1}' },
  { label: "JSON lone surrogate key", body: '{"\\ud800":1}' },
  { label: "JSON array body", body: "[]" },
  { label: "JSON null body", body: "null" },
  { label: "JSON string body", body: '"\\u0000"' },
  { label: "JSON number body", body: "1e999" },
  { label: "text/plain body", body: "{}", contentType: "text/plain" },
  { label: "form body", body: "a=%00", contentType: "application/x-www-form-urlencoded" },
  { label: "2 MB body", body: JSON.stringify({ x: "y".repeat(2 * 1024 * 1024) }) },
];

/** A malformed session cookie: must be treated as no session (401 where a credential is needed). */
export const MALFORMED_SESSION_COOKIES = [
  "next-auth.session-token=%E0%A4%A",
  "next-auth.session-token=%",
  "__Secure-next-auth.session-token=%E0%A4%A; next-auth.session-token=%ZZ",
];

/** The error codes RFC 6749 §5.2 (plus RFC 7009's unsupported_token_type) allows a token-endpoint family answer to carry. */
export const OAUTH_ERROR_CODES = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "unsupported_token_type",
]);

/** A path segment for a value that may hold NUL or lone surrogates (encodeURIComponent throws on those). */
export function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

/** Whether a string can be sent as an HTTP header value at all. */
export function isHeaderSafe(value: string): boolean {
  try {
    new Headers({ x: value });
    return true;
  } catch {
    return false;
  }
}
