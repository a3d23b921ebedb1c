import net from "node:net";
import { z } from "zod";
import { isValidScope } from "@/lib/auth/scopes";
import { vetPayloadSchema } from "@/lib/events/vet-payload-schema";
import { addressKind, checkWebhookUrl, resolveAndCheck, systemResolver, unbracket, type Resolver } from "@/lib/webhooks/transport/url-guard";
import { areConfusable, containsConfusable, skeleton } from "./confusable-names";
import { minimumTierForScope, scopesAllowedForTier, type PartnerTier } from "./tier-scopes";

export type { Resolver } from "@/lib/webhooks/transport/url-guard";

// The automated review an application gets on submit. Each check judges one
// request field and says, in words a partner can act on, what to change;
// `failed` blocks the submission, `warning` is for the human reviewer. The
// checks only look at what was submitted (plus DNS); the live calls to the
// partner's endpoints are in ./endpoint-probes, after submit.

export const checkStatuses = ["passed", "warning", "failed"] as const;
export type CheckStatus = (typeof checkStatuses)[number];

export const staticCheckIds = [
  "redirect_uris_secure",
  "webhook_url_public",
  "health_check_url_public",
  "privacy_policy_url",
  "support_email",
  "scopes_allowed",
  "scope_justification",
  "name_not_reserved",
  "logo_url_https",
  "description_quality",
  "config_schema_valid",
] as const;
export const probeCheckIds = ["health_check_responds", "webhook_rejects_unsigned"] as const;
export type StaticCheckId = (typeof staticCheckIds)[number];
export type CheckId = StaticCheckId | (typeof probeCheckIds)[number];

export type CheckResult = { check: CheckId; status: CheckStatus; field: string; message: string; evidence: Record<string, unknown> };

export type CheckSubject = {
  name: string;
  description: string;
  logoUrl: string | null;
  privacyPolicyUrl: string | null;
  supportEmail: string | null;
  redirectUris: string[];
  webhookUrl: string | null;
  healthCheckUrl: string | null;
  requestedScopes: string[];
  scopeJustifications: Record<string, string>;
  configSchema: Record<string, unknown> | null;
};

export type CheckContext = {
  partnerTier: PartnerTier;
  /** Names of other partners' / other published apps, for the confusable-name check. */
  otherAppNames: string[];
  /** config().WEBHOOK_ALLOW_PRIVATE_URLS: http and private addresses pass (dev and tests). */
  allowPrivateUrls: boolean;
  /** DNS resolver, injectable for tests; default the system resolver from lib/webhooks/transport/url-guard.ts */
  resolver?: Resolver;
};

/** The request field (as in the API contract) each check judges; a failed check's error `path`. */
export const checkFields: Record<CheckId, string> = {
  redirect_uris_secure: "redirectUris",
  webhook_url_public: "webhookUrl",
  health_check_url_public: "healthCheckUrl",
  privacy_policy_url: "privacyPolicyUrl",
  support_email: "supportEmail",
  scopes_allowed: "requestedScopes",
  scope_justification: "scopeJustifications",
  name_not_reserved: "name",
  logo_url_https: "logoUrl",
  description_quality: "description",
  config_schema_valid: "configSchema",
  health_check_responds: "healthCheckUrl",
  webhook_rejects_unsigned: "webhookUrl",
};

/** Human description of each check id (for the portal and OpenAPI docs). */
export const checkDescriptions: Record<CheckId, string> = {
  redirect_uris_secure:
    "At least one redirect URI; each is an absolute https URL (http only for localhost, 127.0.0.1 and [::1]) without wildcards, fragments or credentials.",
  webhook_url_public: "If set, the webhook URL uses https and resolves only to public addresses.",
  health_check_url_public: "If set, the health-check URL uses https and resolves only to public addresses.",
  privacy_policy_url: "A privacy policy URL on a public https page.",
  support_email: "A valid support email address.",
  scopes_allowed:
    "At least one scope; each is a concrete scope (no wildcards, never admin) that apps of the partner's tier may request.",
  scope_justification: "Every write: and manage: scope has a justification of at least 20 characters (warning only).",
  name_not_reserved: "The name neither contains \"Portico\" nor can be mistaken for another app's name (warning only).",
  logo_url_https: "The logo is served over https (a missing logo is a warning).",
  description_quality: "The description has at least 100 characters (warning only).",
  config_schema_valid:
    "If set, the configuration schema is a JSON Schema of type object that compiles, with local references only, safe patterns and a bounded size.",
  health_check_responds: "After submit: a GET of the health-check URL answers 2xx within 10 seconds (warning only).",
  webhook_rejects_unsigned: "After submit: a request to the webhook URL without a signature is not answered 2xx (warning only).",
};

type Verdict = { status: CheckStatus; message: string; evidence: Record<string, unknown> };
const passed = (message: string, evidence: Record<string, unknown> = {}): Verdict => ({ status: "passed", message, evidence });
const warning = (message: string, evidence: Record<string, unknown> = {}): Verdict => ({ status: "warning", message, evidence });
const failed = (message: string, evidence: Record<string, unknown> = {}): Verdict => ({ status: "failed", message, evidence });

type Check = (s: CheckSubject, ctx: CheckContext) => Verdict | Promise<Verdict>;

// Evidence is stored and shown; a submission with thousands of bad values must not make it huge.
const MAX_EVIDENCE_ITEMS = 20;
// A submit waits for these lookups; the system resolver can take 20 s and more to give up.
const DNS_TIMEOUT_MS = 5_000;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const redirectUrisSecure: Check = (s) => {
  const uris = Array.isArray(s.redirectUris) ? s.redirectUris : [];
  if (uris.length === 0) {
    return failed("Add at least one redirect URI: apps authorize with the authorization_code flow, which sends users back to it", { redirectUris: [] });
  }
  const problems = uris.flatMap((uri) => {
    const p = redirectUriProblem(uri);
    return p ? [{ uri, ...p }] : [];
  });
  if (problems.length === 0) return passed(`All ${uris.length} redirect URIs are secure`, { redirectUris: uris.slice(0, MAX_EVIDENCE_ITEMS) });
  return failed(withMore(problems[0].message, problems.length, "redirect URI"), {
    invalid: problems.slice(0, MAX_EVIDENCE_ITEMS).map(({ uri, reason }) => ({ uri, reason })),
    invalidCount: problems.length,
  });
};

function redirectUriProblem(uri: unknown): { reason: string; message: string } | null {
  if (typeof uri !== "string" || uri.trim() === "") return { reason: "empty", message: "Remove the empty redirect URI or enter the full URL" };
  const u = show(uri);
  // The URL parser drops tabs and newlines silently: what is registered must be what is compared.
  if (/[\s\u0000-\u001f\u007f]/.test(uri)) return { reason: "whitespace", message: `Remove the spaces or control characters from ${u}` };
  if (uri.includes("*")) {
    return { reason: "wildcard", message: `Replace the wildcard in ${u} with the exact URIs: redirect URIs are compared in full, so each must be registered` };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { reason: "not_absolute_url", message: `${u} is not an absolute URL; enter it in full, e.g. https://app.example.com/oauth/callback` };
  }
  if (uri.includes("#")) return { reason: "fragment", message: `Remove the fragment (#…) from ${u}: redirect URIs must not contain one` };
  if (url.username || url.password) return { reason: "credentials", message: `Remove the user name and password from ${u}` };
  if (url.protocol === "http:") {
    if (!LOOPBACK_HOSTS.has(url.hostname)) return { reason: "not_https", message: `Use https for ${u} — http is only allowed for localhost, 127.0.0.1 and [::1]` };
  } else if (url.protocol !== "https:") {
    return { reason: "scheme", message: `Use an https URL instead of ${u}: the ${url.protocol.slice(0, -1)} scheme is not supported` };
  }
  return null;
}

function publicUrlCheck(field: "webhookUrl" | "healthCheckUrl", label: string): Check {
  const hint = "we call it from our servers, so it must be an https URL on the public internet";
  return async (s, ctx) => {
    const raw = s[field];
    if (raw === null || raw === undefined || raw === "") return passed(`No ${label} set`);
    const allowPrivate = ctx.allowPrivateUrls;
    const checked = checkWebhookUrl(raw, { allowPrivate });
    if (!checked.ok) return failed(`Your ${label} ${show(raw)} is not allowed: ${checked.reason}; ${hint}`, { url: raw, reason: checked.reason });
    // Same as saving a webhook endpoint: in dev and tests private targets are allowed, and DNS is not consulted.
    if (allowPrivate) return passed(`The ${label} is accepted (private addresses and http are allowed in this environment)`, { url: raw });
    const host = unbracket(checked.url.hostname);
    // A literal address has been judged by checkWebhookUrl already.
    if (net.isIP(host)) return passed(`The ${label} uses https and a public address`, { url: raw, addresses: [host] });
    const resolved = await resolveAndCheck(host, { allowPrivate, resolver: withTimeout(ctx.resolver, DNS_TIMEOUT_MS) });
    if (!resolved.ok) return failed(`Your ${label} ${show(raw)} is not allowed: ${resolved.reason}; ${hint}`, { url: raw, reason: resolved.reason });
    return passed(`The ${label} uses https and resolves only to public addresses`, {
      url: raw,
      addresses: resolved.addresses.slice(0, MAX_EVIDENCE_ITEMS).map((a) => a.address),
    });
  };
}

const privacyPolicyUrl: Check = (s, ctx) => {
  const raw = s.privacyPolicyUrl;
  if (!raw || raw.trim() === "") return failed("Add a privacy policy URL: customers read it before they install your app");
  const u = show(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return failed(`${u} is not an absolute URL; enter the full address of your privacy policy, e.g. https://example.com/privacy`, { privacyPolicyUrl: raw });
  }
  if (url.username || url.password) return failed(`Remove the user name and password from ${u}`, { privacyPolicyUrl: raw });
  const local = isNonPublicHost(url.hostname);
  // A local server is fine while building an app against one; in production the page must be public.
  if (local && ctx.allowPrivateUrls && (url.protocol === "http:" || url.protocol === "https:")) {
    return passed("The privacy policy URL is accepted (local addresses are allowed in this environment)", { privacyPolicyUrl: raw });
  }
  if (url.protocol !== "https:") return failed(`Use https for ${u}: your privacy policy must be a public https page`, { privacyPolicyUrl: raw });
  if (local) return failed(`${u} is not a public page; publish your privacy policy where customers can read it`, { privacyPolicyUrl: raw });
  return passed("The privacy policy is a public https page", { privacyPolicyUrl: raw });
};

function isNonPublicHost(hostname: string): boolean {
  const host = unbracket(hostname).replace(/\.$/, "");
  if (net.isIP(host)) return addressKind(host) !== "public";
  return host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal") || !host.includes(".");
}

const supportEmail: Check = (s) => {
  const raw = s.supportEmail;
  if (!raw || raw.trim() === "") return failed("Add a support email address: customers and our reviewers use it to reach you");
  const email = raw.trim();
  if (z.email().safeParse(email).success) return passed(`Support email is ${email}`, { supportEmail: email });
  return failed(`"${show(raw)}" is not a valid email address; use one like support@example.com`, { supportEmail: raw });
};

const scopesAllowed: Check = (s, ctx) => {
  const scopes = unique(s.requestedScopes);
  const tier = ctx.partnerTier;
  if (scopes.length === 0) return failed("Request at least one scope: your app can do nothing in a customer's account without one", { tier });
  const allowed = scopesAllowedForTier(tier);
  const rejected = scopes.flatMap((scope) => {
    const r = scopeProblem(scope, tier, allowed);
    return r ? [{ scope, ...r }] : [];
  });
  if (rejected.length === 0) return passed(`All requested scopes are available to apps of ${tier} partners`, { tier, requestedScopes: scopes });
  return failed(withMore(rejected[0].message, rejected.length, "scope"), {
    tier,
    rejected: rejected.slice(0, MAX_EVIDENCE_ITEMS).map(({ scope, reason }) => ({ scope, reason })),
    rejectedCount: rejected.length,
  });
};

function scopeProblem(scope: string, tier: PartnerTier, allowed: (scope: string) => boolean): { reason: string; message: string } | null {
  const sc = show(String(scope));
  if (typeof scope !== "string" || !isValidScope(scope)) return { reason: "unknown", message: `${sc} is not a scope; scopes look like read:leads or write:claims` };
  if (scope === "admin") return { reason: "admin", message: "Apps cannot request admin; request the concrete scopes your app uses, e.g. read:leads" };
  if (scope.endsWith(":*")) {
    return { reason: "wildcard", message: `Replace ${scope} with the concrete scopes your app uses, e.g. ${scope.replace("*", "leads")}: customers must see exactly what an app gets` };
  }
  if (allowed(scope)) return null;
  const needs = minimumTierForScope(scope);
  if (needs) return { reason: "tier", message: `${scope} is only available to apps of ${needs} partners (yours is ${tier}); remove it or contact us about upgrading` };
  return { reason: "not_for_apps", message: `${scope} is not available to apps; remove it` };
}

const MIN_JUSTIFICATION = 20;

const scopeJustification: Check = (s) => {
  const needing = unique(s.requestedScopes).filter((scope) => /^(write|manage):/.test(scope));
  if (needing.length === 0) return passed("No write or manage scopes requested, so no justification is needed");
  const given = s.scopeJustifications ?? {};
  const unjustified = needing.filter((scope) => {
    const text = Object.hasOwn(given, scope) ? given[scope] : undefined;
    return typeof text !== "string" || Array.from(text.replace(/\s/gu, "")).length < MIN_JUSTIFICATION;
  });
  if (unjustified.length === 0) return passed("Every write and manage scope has a justification", { justified: needing });
  return warning(
    `Explain in scopeJustifications why your app needs ${listed(unjustified)} (at least ${MIN_JUSTIFICATION} characters each): reviewers read it before approving`,
    { unjustified: unjustified.slice(0, MAX_EVIDENCE_ITEMS), minimumCharacters: MIN_JUSTIFICATION },
  );
};

const RESERVED_NAME = "Portico";

const nameNotReserved: Check = (s, ctx) => {
  const name = typeof s.name === "string" ? s.name : "";
  if (skeleton(name) === "") return warning("Give your app a name made of letters or digits", { name });
  const similarTo = unique(ctx.otherAppNames ?? []).filter((other) => areConfusable(name, other)).slice(0, MAX_EVIDENCE_ITEMS);
  const evidence = { name, skeleton: skeleton(name), ...(similarTo.length ? { similarTo } : {}) };
  if (containsConfusable(name, RESERVED_NAME)) {
    return warning(`Remove "${RESERVED_NAME}" (or a lookalike of it) from the name "${show(name)}": customers would take your app for an official one`, {
      ...evidence,
      reserved: RESERVED_NAME,
    });
  }
  if (similarTo.length) {
    return warning(`"${show(name)}" can be mistaken for the existing app "${show(similarTo[0])}"; choose a clearly different name`, evidence);
  }
  return passed(`"${show(name)}" is not reserved and does not resemble another app's name`, { name });
};

const logoUrlHttps: Check = (s) => {
  const raw = s.logoUrl;
  if (!raw || raw.trim() === "") return warning("Add a logo (an https URL to a square image): listings with a logo are easier to recognise");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return failed(`${show(raw)} is not an absolute URL; use the full https address of your logo`, { logoUrl: raw });
  }
  if (url.protocol !== "https:") {
    return failed(`Use https for your logo ${show(raw)}: the marketplace is served over https and browsers block insecure images`, { logoUrl: raw });
  }
  return passed("The logo is served over https", { logoUrl: raw });
};

const MIN_DESCRIPTION = 100;

const descriptionQuality: Check = (s) => {
  const length = Array.from((s.description ?? "").trim()).length;
  if (length < MIN_DESCRIPTION) {
    return warning(`Describe what your app does and for whom in at least ${MIN_DESCRIPTION} characters (yours has ${length})`, { length, minimum: MIN_DESCRIPTION });
  }
  return passed(`The description has ${length} characters`, { length });
};

const configSchemaValid: Check = (s) => {
  const schema: unknown = s.configSchema;
  if (schema === null || schema === undefined) return passed("No configuration");
  const fail = (errors: { path: string; message: string }[], hint = "") =>
    failed(`Fix configSchema at ${errors[0].path}: ${errors[0].message}${hint}`, { errors: errors.slice(0, MAX_EVIDENCE_ITEMS) });
  if (typeof schema !== "object" || Array.isArray(schema)) {
    return fail([{ path: "configSchema", message: "must be a JSON Schema object" }], ', e.g. {"type": "object", "properties": {…}}');
  }
  const root = schema as Record<string, unknown>;
  // An installation's settings are one object of named fields; the portal renders a form from it.
  if (root.type !== "object") {
    return fail([{ path: "configSchema.type", message: `must be "object" (it is ${JSON.stringify(root.type) ?? "missing"})` }]);
  }
  // The validator below tolerates these being malformed, but the settings form cannot.
  if (root.properties !== undefined && (typeof root.properties !== "object" || root.properties === null || Array.isArray(root.properties))) {
    return fail([{ path: "configSchema.properties", message: "must be an object mapping setting names to schemas" }]);
  }
  if (root.required !== undefined && (!Array.isArray(root.required) || root.required.some((r) => typeof r !== "string"))) {
    return fail([{ path: "configSchema.required", message: "must be an array of setting names" }]);
  }
  const unsafe = vetPayloadSchema(schema, "configSchema");
  if (unsafe.length) return fail(unsafe);
  try {
    // The same compiler that runs event payload schemas: what passes here is what will validate installs.
    z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    return fail([{ path: "configSchema", message: `is not a usable JSON Schema (${(err as Error).message})` }]);
  }
  const settings = root.properties ? Object.keys(root.properties).length : 0;
  return passed(`The configuration schema is valid (${settings} setting${settings === 1 ? "" : "s"})`, { settings });
};

const staticChecks: Record<StaticCheckId, Check> = {
  redirect_uris_secure: redirectUrisSecure,
  webhook_url_public: publicUrlCheck("webhookUrl", "webhook URL"),
  health_check_url_public: publicUrlCheck("healthCheckUrl", "health-check URL"),
  privacy_policy_url: privacyPolicyUrl,
  support_email: supportEmail,
  scopes_allowed: scopesAllowed,
  scope_justification: scopeJustification,
  name_not_reserved: nameNotReserved,
  logo_url_https: logoUrlHttps,
  description_quality: descriptionQuality,
  config_schema_valid: configSchemaValid,
};

/**
 * One result per static check id (or per id in `only`), in staticCheckIds order. Never throws for
 * bad input: bad input is a failed/warning result.
 */
export async function runStaticChecks(subject: CheckSubject, ctx: CheckContext, only?: readonly StaticCheckId[]): Promise<CheckResult[]> {
  return Promise.all(
    staticCheckIds.filter((c) => !only || only.includes(c)).map(async (check): Promise<CheckResult> => {
      let verdict: Verdict;
      try {
        verdict = await staticChecks[check](subject, ctx);
      } catch (err) {
        // Input of a shape the types do not allow; a check that cannot judge a value must not pass it.
        const reason = err instanceof Error ? err.message : String(err);
        verdict = failed(`This check could not read ${checkFields[check]} (${reason}); correct it and submit again`, { error: reason });
      }
      return { check, field: checkFields[check], ...verdict };
    }),
  );
}

function withTimeout(resolver: Resolver = systemResolver, ms: number): Resolver {
  return async (hostname) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // resolveAndCheck reports the code: "DNS lookup of x failed (no answer within 5000 ms)".
      timer = setTimeout(() => reject(Object.assign(new Error("DNS lookup timed out"), { code: `no answer within ${ms} ms` })), ms);
    });
    try {
      return await Promise.race([resolver(hostname), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function unique(values: readonly string[] | null | undefined): string[] {
  return Array.isArray(values) ? [...new Set(values)] : [];
}

function withMore(first: string, count: number, noun: string): string {
  return count > 1 ? `${first} (and ${count - 1} more ${noun}${count > 2 ? "s" : ""} to fix)` : first;
}

function listed(items: string[]): string {
  const shown = items.slice(0, 5);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0];
}

/** A submitted value quoted in a message, cut so a 2,000-character URL cannot flood it. */
function show(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}…` : value;
}
