import { afterEach, describe, expect, it, vi } from "vitest";
import { allScopes, isValidScope } from "@/lib/auth/scopes";
import type { Resolver } from "@/lib/webhooks/transport/url-guard";
import {
  checkDescriptions,
  checkStatuses,
  probeCheckIds,
  runStaticChecks,
  staticCheckIds,
  type CheckContext,
  type CheckId,
  type CheckResult,
  type CheckSubject,
} from "./security-checks";
import { minimumTierForScope, scopesAllowedForTier, tierScopes } from "./tier-scopes";

const publicResolver: Resolver = async () => [{ address: "93.184.215.14", family: 4 }];

function subject(over: Partial<CheckSubject> = {}): CheckSubject {
  return {
    name: "Acme Quote Assistant",
    description:
      "Acme Quote Assistant turns inbound leads into bindable quotes: it reads each new lead, prices it against your rating tables and writes the quote back onto the lead.",
    logoUrl: "https://cdn.acme-quotes.com/logo.png",
    privacyPolicyUrl: "https://acme-quotes.com/privacy",
    supportEmail: "support@acme-quotes.com",
    redirectUris: ["https://app.acme-quotes.com/oauth/callback", "http://localhost:3000/oauth/callback"],
    webhookUrl: "https://hooks.acme-quotes.com/portico",
    healthCheckUrl: "https://app.acme-quotes.com/healthz",
    requestedScopes: ["read:leads", "write:leads", "read:events"],
    scopeJustifications: { "write:leads": "We write the computed quote back onto the lead record." },
    configSchema: {
      type: "object",
      properties: { region: { type: "string", enum: ["us", "eu"] }, apiKey: { type: "string", minLength: 10, pattern: "^[A-Za-z0-9]+$" } },
      required: ["region"],
      additionalProperties: false,
    },
    ...over,
  };
}

function ctx(over: Partial<CheckContext> = {}): CheckContext {
  return { partnerTier: "standard", otherAppNames: ["LeadFlow Sync", "ClaimBridge"], allowPrivateUrls: false, resolver: publicResolver, ...over };
}

async function run(check: CheckId, s: Partial<CheckSubject> = {}, c: Partial<CheckContext> = {}): Promise<CheckResult> {
  const results = await runStaticChecks(subject(s), ctx(c));
  return results.find((r) => r.check === check)!;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("runStaticChecks", () => {
  it("passes a well-formed application, one result per check in order, each naming its field", async () => {
    const results = await runStaticChecks(subject(), ctx());
    expect(results.map((r) => r.check)).toEqual([...staticCheckIds]);
    expect(results.filter((r) => r.status !== "passed")).toEqual([]);
    expect(results.map((r) => r.field)).toEqual([
      "redirectUris",
      "webhookUrl",
      "healthCheckUrl",
      "privacyPolicyUrl",
      "supportEmail",
      "requestedScopes",
      "scopeJustifications",
      "name",
      "logoUrl",
      "description",
      "configSchema",
    ]);
  });

  it("never throws on input of the wrong shape; what it cannot read does not pass", async () => {
    const garbage = {
      name: 42,
      description: null,
      logoUrl: 7,
      privacyPolicyUrl: { href: "https://x.com" },
      supportEmail: ["a@b.com"],
      redirectUris: "https://app.acme-quotes.com/cb",
      webhookUrl: 12,
      healthCheckUrl: [],
      requestedScopes: null,
      scopeJustifications: null,
      configSchema: "object",
    } as unknown as CheckSubject;
    const results = await runStaticChecks(garbage, ctx({ otherAppNames: null as unknown as string[] }));
    expect(results).toHaveLength(staticCheckIds.length);
    for (const r of results) {
      expect(checkStatuses).toContain(r.status);
      expect(r.message).toEqual(expect.any(String));
    }
    const byId = Object.fromEntries(results.map((r) => [r.check, r.status]));
    expect(byId).toMatchObject({
      redirect_uris_secure: "failed",
      webhook_url_public: "failed",
      health_check_url_public: "failed",
      privacy_policy_url: "failed",
      support_email: "failed",
      scopes_allowed: "failed",
      config_schema_valid: "failed",
    });
  });

  it("describes every check", () => {
    for (const id of [...staticCheckIds, ...probeCheckIds]) expect(checkDescriptions[id].length).toBeGreaterThan(20);
  });
});

describe("redirect_uris_secure", () => {
  it("fails without any redirect URI", async () => {
    const r = await run("redirect_uris_secure", { redirectUris: [] });
    expect(r).toMatchObject({ status: "failed", field: "redirectUris", message: expect.stringContaining("Add at least one redirect URI") });
  });

  it.each(["http://localhost:3000/cb", "http://127.0.0.1:8080/cb", "http://[::1]:8080/cb", "https://app.acme-quotes.com/cb?tenant=1"])(
    "accepts %s",
    async (uri) => {
      expect((await run("redirect_uris_secure", { redirectUris: [uri] })).status).toBe("passed");
    },
  );

  it.each([
    ["http://app.acme-quotes.com/cb", "not_https", "Use https for http://app.acme-quotes.com/cb — http is only allowed for localhost"],
    ["http://localhost.evil.com/cb", "not_https", "Use https"],
    ["http://127.0.0.1.nip.io/cb", "not_https", "Use https"],
    ["https://*.acme-quotes.com/cb", "wildcard", "Replace the wildcard"],
    ["https://app.acme-quotes.com/cb/*", "wildcard", "Replace the wildcard"],
    ["https://app.acme-quotes.com/cb#done", "fragment", "Remove the fragment"],
    ["https://app.acme-quotes.com/cb#", "fragment", "Remove the fragment"],
    ["https://user:secret@app.acme-quotes.com/cb", "credentials", "Remove the user name and password"],
    ["/oauth/callback", "not_absolute_url", "is not an absolute URL"],
    ["javascript:alert(1)", "scheme", "the javascript scheme is not supported"],
    ["com.acme.app:/cb", "scheme", "not supported"],
    ["https://app.acme-quotes.com/c\tb", "whitespace", "Remove the spaces"],
    ["", "empty", "Remove the empty redirect URI"],
  ])("fails %j (%s)", async (uri, reason, message) => {
    const r = await run("redirect_uris_secure", { redirectUris: ["https://app.acme-quotes.com/ok", uri] });
    expect(r.status).toBe("failed");
    expect(r.message).toContain(message);
    expect(r.evidence).toEqual({ invalid: [{ uri, reason }], invalidCount: 1 });
  });

  it("lists every offending URI in the evidence and says how many more there are", async () => {
    const r = await run("redirect_uris_secure", { redirectUris: ["http://a.acme-quotes.com/cb", "https://ok.acme-quotes.com/cb", "https://*.acme-quotes.com/cb"] });
    expect(r.message).toMatch(/^Use https for http:\/\/a\.acme-quotes\.com\/cb .*\(and 1 more redirect URI to fix\)$/);
    expect(r.evidence.invalid).toEqual([
      { uri: "http://a.acme-quotes.com/cb", reason: "not_https" },
      { uri: "https://*.acme-quotes.com/cb", reason: "wildcard" },
    ]);
  });
});

describe.each([
  ["webhook_url_public", "webhookUrl", "webhook URL", "https://hooks.acme-quotes.com/portico"],
  ["health_check_url_public", "healthCheckUrl", "health-check URL", "https://app.acme-quotes.com/healthz"],
] as const)("%s", (check, field, label, url) => {
  const resolverFor = (...addresses: string[]): Resolver =>
    vi.fn(async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));

  it("passes when not set", async () => {
    expect(await run(check, { [field]: null })).toMatchObject({ status: "passed", field, message: `No ${label} set` });
  });

  it("passes a public https URL, with the addresses as evidence", async () => {
    const r = await run(check, { [field]: url }, { resolver: resolverFor("93.184.215.14", "2606:2800::1") });
    expect(r).toMatchObject({ status: "passed", evidence: { url, addresses: ["93.184.215.14", "2606:2800::1"] } });
  });

  it.each([
    ["10.0.0.5", "a private address (10.0.0.5)"],
    ["169.254.169.254", "a link-local address (169.254.169.254)"],
    ["::1", "a loopback address (::1)"],
  ])("fails when the host resolves to %s, unless private URLs are allowed", async (address, described) => {
    const resolver = resolverFor(address);
    const strict = await run(check, { [field]: url }, { resolver });
    expect(strict.status).toBe("failed");
    expect(strict.message).toContain(`resolves to ${described}`);
    expect(strict.evidence).toEqual({ url, reason: expect.stringContaining(address) });

    const dev = resolverFor(address);
    expect(await run(check, { [field]: url }, { resolver: dev, allowPrivateUrls: true })).toMatchObject({ status: "passed" });
    expect(dev).not.toHaveBeenCalled();
  });

  it("fails when any one of several addresses is private", async () => {
    expect((await run(check, { [field]: url }, { resolver: resolverFor("93.184.215.14", "10.1.2.3") })).status).toBe("failed");
  });

  it("fails when the name does not resolve, with the reason", async () => {
    const resolver: Resolver = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const r = await run(check, { [field]: "https://nope.acme-quotes.com/x" }, { resolver });
    expect(r.status).toBe("failed");
    expect(r.message).toContain("DNS lookup of nope.acme-quotes.com failed (ENOTFOUND)");
  });

  it("gives up on DNS that never answers", async () => {
    vi.useFakeTimers();
    const pending = run(check, { [field]: url }, { resolver: () => new Promise(() => {}) });
    await vi.advanceTimersByTimeAsync(5_000);
    const r = await pending;
    expect(r.status).toBe("failed");
    expect(r.message).toContain("no answer within 5000 ms");
  });

  it.each([
    ["http://hooks.acme-quotes.com/x", "URL must use https"],
    ["https://10.0.0.5/x", "points to a private address"],
    ["https://169.254.169.254/latest/meta-data", "points to a link-local address"],
    ["https://[::1]/x", "points to a loopback address"],
    ["https://localhost/x", "local host name"],
    ["https://metadata/x", "fully qualified domain name"],
    ["https://u:p@hooks.acme-quotes.com/x", "must not contain credentials"],
  ])("fails %s without consulting DNS", async (bad, reason) => {
    const resolver = resolverFor("93.184.215.14");
    const r = await run(check, { webhookUrl: null, healthCheckUrl: null, [field]: bad }, { resolver });
    expect(r).toMatchObject({ status: "failed", field, evidence: { url: bad, reason: expect.stringContaining(reason) } });
    expect(r.message).toContain(`Your ${label} ${bad} is not allowed`);
    expect(resolver).not.toHaveBeenCalled();
  });

  it("accepts http on a local server when private URLs are allowed", async () => {
    expect((await run(check, { [field]: "http://127.0.0.1:4000/x" }, { allowPrivateUrls: true })).status).toBe("passed");
    expect((await run(check, { [field]: "ftp://127.0.0.1/x" }, { allowPrivateUrls: true })).status).toBe("failed");
  });
});

describe("privacy_policy_url", () => {
  it("passes a public https page", async () => {
    expect((await run("privacy_policy_url", { privacyPolicyUrl: "https://acme-quotes.com/legal#privacy" })).status).toBe("passed");
  });

  it.each([
    [null, "Add a privacy policy URL"],
    ["  ", "Add a privacy policy URL"],
    ["http://acme-quotes.com/privacy", "Use https for http://acme-quotes.com/privacy"],
    ["acme-quotes.com/privacy", "is not an absolute URL"],
    ["https://localhost/privacy", "is not a public page"],
    ["https://10.0.0.5/privacy", "is not a public page"],
    ["http://localhost:3000/privacy", "Use https"],
    ["https://admin:pw@acme-quotes.com/privacy", "Remove the user name and password"],
  ])("fails %j", async (privacyPolicyUrl, message) => {
    const r = await run("privacy_policy_url", { privacyPolicyUrl });
    expect(r).toMatchObject({ status: "failed", field: "privacyPolicyUrl", message: expect.stringContaining(message) });
  });

  it("accepts a local page only while private URLs are allowed; a public page must still be https", async () => {
    expect((await run("privacy_policy_url", { privacyPolicyUrl: "http://localhost:3000/privacy" }, { allowPrivateUrls: true })).status).toBe("passed");
    expect((await run("privacy_policy_url", { privacyPolicyUrl: "http://acme-quotes.com/privacy" }, { allowPrivateUrls: true })).status).toBe("failed");
  });
});

describe("support_email", () => {
  it("passes a valid address", async () => {
    expect(await run("support_email", { supportEmail: "help+apps@acme-quotes.com" })).toMatchObject({ status: "passed" });
  });

  it.each([
    [null, "Add a support email address"],
    ["", "Add a support email address"],
    ["support at acme-quotes.com", "is not a valid email address"],
    ["support@acme", "is not a valid email address"],
    ["@acme-quotes.com", "is not a valid email address"],
  ])("fails %j", async (supportEmail, message) => {
    const r = await run("support_email", { supportEmail });
    expect(r).toMatchObject({ status: "failed", field: "supportEmail", message: expect.stringContaining(message) });
  });
});

describe("scopes_allowed", () => {
  it("fails when no scope is requested", async () => {
    expect(await run("scopes_allowed", { requestedScopes: [] })).toMatchObject({ status: "failed", message: expect.stringContaining("Request at least one scope") });
  });

  it.each([
    ["standard", ["read:leads", "write:claims", "read:events", "read:webhooks"]],
    ["premium", ["manage:leads", "manage:policies", "manage:claims"]],
    ["enterprise", ["manage:users"]],
  ] as const)("passes what a %s partner may request", async (partnerTier, requestedScopes) => {
    expect((await run("scopes_allowed", { requestedScopes: [...requestedScopes] }, { partnerTier })).status).toBe("passed");
  });

  it.each([
    ["standard", "admin", "admin", "Apps cannot request admin"],
    ["enterprise", "admin", "admin", "Apps cannot request admin"],
    ["enterprise", "read:*", "wildcard", "Replace read:* with the concrete scopes"],
    ["enterprise", "manage:*", "wildcard", "Replace manage:*"],
    ["standard", "write:leeds", "unknown", "write:leeds is not a scope"],
    ["standard", "leads", "unknown", "is not a scope"],
    ["standard", "manage:leads", "tier", "manage:leads is only available to apps of premium partners (yours is standard)"],
    ["premium", "manage:users", "tier", "only available to apps of enterprise partners"],
    ["enterprise", "read:billing", "not_for_apps", "read:billing is not available to apps"],
    ["enterprise", "write:keys", "not_for_apps", "not available to apps"],
  ] as const)("a %s partner cannot request %s (%s)", async (partnerTier, scope, reason, message) => {
    const r = await run("scopes_allowed", { requestedScopes: ["read:leads", scope] }, { partnerTier });
    expect(r.status).toBe("failed");
    expect(r.message).toContain(message);
    expect(r.evidence).toMatchObject({ tier: partnerTier, rejected: [{ scope, reason }], rejectedCount: 1 });
  });
});

describe("tier scope table", () => {
  it("grows with the tier and holds only concrete, valid scopes", () => {
    for (const scopes of Object.values(tierScopes)) {
      for (const s of scopes) {
        expect(isValidScope(s)).toBe(true);
        expect(s).not.toMatch(/\*|^admin$/);
      }
    }
    expect(tierScopes.standard.every((s) => tierScopes.premium.includes(s))).toBe(true);
    expect(tierScopes.premium.every((s) => tierScopes.enterprise.includes(s))).toBe(true);
    expect(tierScopes.standard.some((s) => s.startsWith("manage:"))).toBe(false);
    expect(scopesAllowedForTier("premium")("manage:claims")).toBe(true);
    expect(scopesAllowedForTier("premium")("manage:users")).toBe(false);
    expect(minimumTierForScope("manage:users")).toBe("enterprise");
    expect(allScopes.filter((s) => minimumTierForScope(s) !== null)).toHaveLength(tierScopes.enterprise.length);
  });
});

describe("scope_justification", () => {
  it("passes when only read scopes are requested", async () => {
    const r = await run("scope_justification", { requestedScopes: ["read:leads"], scopeJustifications: {} });
    expect(r).toMatchObject({ status: "passed", message: expect.stringContaining("no justification is needed") });
  });

  it("passes when every write and manage scope is explained", async () => {
    const r = await run(
      "scope_justification",
      {
        requestedScopes: ["read:leads", "write:leads", "manage:claims"],
        scopeJustifications: { "write:leads": "We write quotes back onto leads.", "manage:claims": "We close claims once the adjuster signs off." },
      },
      { partnerTier: "premium" },
    );
    expect(r.status).toBe("passed");
  });

  it("warns about write and manage scopes without a real justification", async () => {
    const r = await run("scope_justification", {
      requestedScopes: ["read:leads", "write:leads", "manage:claims", "write:policies"],
      scopeJustifications: { "write:leads": "because   we   need  it   ", "write:policies": "We renew policies on the customer's behalf." },
    });
    expect(r).toMatchObject({ status: "warning", field: "scopeJustifications", evidence: { unjustified: ["write:leads", "manage:claims"], minimumCharacters: 20 } });
    expect(r.message).toContain("write:leads and manage:claims");
  });

  it("counts 20 characters without spaces", async () => {
    const twenty = "abcde fghij klmno pqrst"; // 20 letters
    const nineteen = "abcde fghij klmno pqrs   ";
    expect((await run("scope_justification", { requestedScopes: ["write:leads"], scopeJustifications: { "write:leads": twenty } })).status).toBe("passed");
    expect((await run("scope_justification", { requestedScopes: ["write:leads"], scopeJustifications: { "write:leads": nineteen } })).status).toBe("warning");
  });
});

describe("name_not_reserved", () => {
  it("passes an ordinary name", async () => {
    expect((await run("name_not_reserved", { name: "Acme Quote Assistant" })).status).toBe("passed");
    expect((await run("name_not_reserved", { name: "Portion Planner" })).status).toBe("passed");
  });

  it.each(["Portico Sync", "portico", "P0rtico Leads", "Pοrtico Connect" /* Greek omicron */, "Pórtico", "Port1co Claims", "Official-PORTICO-app"])(
    "warns about %s",
    async (name) => {
      const r = await run("name_not_reserved", { name });
      expect(r).toMatchObject({ status: "warning", field: "name", evidence: { name, reserved: "Portico" } });
      expect(r.message).toContain(`Remove "Portico" (or a lookalike of it) from the name "${name}"`);
    },
  );

  it.each([
    ["Lead-Flow sync", "LeadFlow Sync"],
    ["LeadFIow Sync", "LeadFlow Sync"], // capital I for l
    ["ClaimBrigde", "ClaimBridge"], // swapped letters
    ["СlaimBridge", "ClaimBridge"], // Cyrillic С
  ])("warns that %s looks like %s", async (name, other) => {
    const r = await run("name_not_reserved", { name });
    expect(r).toMatchObject({ status: "warning", evidence: { similarTo: [other] } });
    expect(r.message).toContain(`can be mistaken for the existing app "${other}"`);
  });

  it("warns about a name without letters", async () => {
    expect((await run("name_not_reserved", { name: "!!!" })).status).toBe("warning");
  });
});

describe("logo_url_https", () => {
  it("passes an https logo", async () => {
    expect((await run("logo_url_https", { logoUrl: "https://cdn.acme-quotes.com/logo.svg" })).status).toBe("passed");
  });

  it("warns without a logo", async () => {
    expect(await run("logo_url_https", { logoUrl: null })).toMatchObject({ status: "warning", message: expect.stringContaining("Add a logo") });
  });

  it.each([
    ["http://cdn.acme-quotes.com/logo.png", "Use https for your logo"],
    ["data:image/png;base64,AAAA", "Use https for your logo"],
    ["logo.png", "is not an absolute URL"],
  ])("fails %s", async (logoUrl, message) => {
    expect(await run("logo_url_https", { logoUrl })).toMatchObject({ status: "failed", field: "logoUrl", evidence: { logoUrl }, message: expect.stringContaining(message) });
  });
});

describe("description_quality", () => {
  it("warns below 100 characters, spaces around not counted", async () => {
    const r = await run("description_quality", { description: `   ${"x".repeat(99)}   ` });
    expect(r).toMatchObject({ status: "warning", field: "description", evidence: { length: 99, minimum: 100 } });
    expect(r.message).toContain("(yours has 99)");
  });

  it("passes at 100 characters", async () => {
    expect((await run("description_quality", { description: "x".repeat(100) })).status).toBe("passed");
  });
});

describe("config_schema_valid", () => {
  it("passes without configuration", async () => {
    expect(await run("config_schema_valid", { configSchema: null })).toMatchObject({ status: "passed", message: "No configuration" });
  });

  it("passes an object schema with local definitions", async () => {
    const configSchema = { type: "object", properties: { region: { $ref: "#/$defs/region" } }, $defs: { region: { type: "string", enum: ["us", "eu"] } } };
    expect((await run("config_schema_valid", { configSchema })).status).toBe("passed");
  });

  it.each([
    [[], "configSchema", "must be a JSON Schema object"],
    [{ type: "array", items: { type: "string" } }, "configSchema.type", 'must be "object" (it is "array")'],
    [{ properties: {} }, "configSchema.type", "it is missing"],
    [{ type: "object", properties: 5 }, "configSchema.properties", "must be an object"],
    [{ type: "object", required: "region" }, "configSchema.required", "must be an array"],
    [{ type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } }, "configSchema.properties.code.pattern", "backtrack exponentially"],
    [{ type: "object", properties: { a: { $ref: "https://evil.example/schema.json" } } }, "configSchema.properties.a.$ref", "only local references"],
    [{ type: "object", properties: { a: { $ref: "#" } } }, "configSchema", "recursive $ref"],
    [{ type: "object", properties: { a: { type: "strin" } } }, "configSchema", "is not a usable JSON Schema (Unsupported type: strin)"],
    [{ type: "object", properties: { a: { if: {}, then: {} } } }, "configSchema", "is not a usable JSON Schema"],
  ])("fails %j", async (configSchema, path, message) => {
    const r = await run("config_schema_valid", { configSchema: configSchema as Record<string, unknown> });
    expect(r.status).toBe("failed");
    expect(r.message).toBe(`Fix configSchema at ${path}: ${(r.evidence.errors as { message: string }[])[0].message}${Array.isArray(configSchema) ? ', e.g. {"type": "object", "properties": {…}}' : ""}`);
    expect(r.evidence.errors).toEqual(expect.arrayContaining([{ path, message: expect.stringContaining(message) }]));
  });

  it("fails a schema too big to validate in bounded time", async () => {
    const properties = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`f${i}`, { type: "string" }]));
    const r = await run("config_schema_valid", { configSchema: { type: "object", properties } });
    expect(r).toMatchObject({ status: "failed", message: expect.stringContaining("has more than 2000 parts") });
  });
});
