import { describe, expect, it } from "vitest";
import { diffList, diffVersions, type VersionLike } from "./version-diff";

const live: VersionLike = {
  version: "1.0.0",
  requestedScopes: ["read:claims", "write:claims", "read:policies"],
  redirectUris: ["https://app.example/cb"],
  mappableFields: ["claim.number", "claim.status"],
  webhookUrl: "https://app.example/hooks",
  healthCheckUrl: "https://app.example/health",
  configSchema: { type: "object", properties: { region: { type: "string" } } },
  scopeJustifications: { "write:claims": "Updates claims as they change in the claims system." },
};

describe("diffVersions", () => {
  it("finds nothing between a version and itself but the same fields", () => {
    const d = diffVersions(live, { ...live });
    expect(d.changed).toBe(false);
    expect(d.firstVersion).toBe(false);
    expect(d.newScopes).toEqual([]);
    expect(d.requestedScopes).toEqual({ added: [], removed: [], unchanged: live.requestedScopes, changed: false });
    expect(d.webhookUrl).toEqual({ before: live.webhookUrl, after: live.webhookUrl, changed: false });
    expect(d.configSchema.changed).toBe(false);
    expect(d.scopeJustifications).toEqual([]);
  });

  it("names added, removed and kept scopes, with the added ones as new scopes", () => {
    const d = diffVersions(live, { ...live, version: "1.1.0", requestedScopes: ["read:claims", "read:policies", "read:leads", "write:leads"] });
    expect(d.requestedScopes.added).toEqual(["read:leads", "write:leads"]);
    expect(d.requestedScopes.removed).toEqual(["write:claims"]);
    expect(d.requestedScopes.unchanged).toEqual(["read:claims", "read:policies"]);
    expect(d.newScopes).toEqual(["read:leads", "write:leads"]);
    expect(d.version).toEqual({ before: "1.0.0", after: "1.1.0", changed: true });
    expect(d.changed).toBe(true);
  });

  it("diffs redirect URIs and mappable fields as lists, and URLs before → after", () => {
    const d = diffVersions(live, {
      ...live,
      redirectUris: ["https://app.example/cb", "https://app.example/cb2"],
      mappableFields: ["claim.number"],
      webhookUrl: "https://hooks.app.example/in",
      healthCheckUrl: null,
    });
    expect(d.redirectUris).toMatchObject({ added: ["https://app.example/cb2"], removed: [], changed: true });
    expect(d.mappableFields).toMatchObject({ added: [], removed: ["claim.status"], unchanged: ["claim.number"], changed: true });
    expect(d.webhookUrl).toEqual({ before: "https://app.example/hooks", after: "https://hooks.app.example/in", changed: true });
    expect(d.healthCheckUrl).toEqual({ before: "https://app.example/health", after: null, changed: true });
    expect(d.newScopes).toEqual([]);
  });

  it("compares the config schema as JSON: key order is no change, a new property is", () => {
    const reordered = { properties: { region: { type: "string" } }, type: "object" };
    expect(diffVersions(live, { ...live, configSchema: reordered }).configSchema.changed).toBe(false);
    const widened = { type: "object", properties: { region: { type: "string" }, apiKey: { type: "string" } } };
    const d = diffVersions(live, { ...live, configSchema: widened });
    expect(d.configSchema.changed).toBe(true);
    expect(d.configSchema.before).toBe(JSON.stringify(live.configSchema, null, 2));
    expect(d.configSchema.after).toContain('"apiKey"');
    expect(diffVersions(live, { ...live, configSchema: null }).configSchema).toMatchObject({ after: null, changed: true });
  });

  it("lists justifications that were added, reworded or dropped", () => {
    const d = diffVersions(live, {
      ...live,
      scopeJustifications: { "write:claims": "Writes claim notes back.", "read:leads": "Shows the agent's leads next to claims." },
    });
    expect(d.scopeJustifications).toEqual([
      { scope: "write:claims", before: live.scopeJustifications["write:claims"], after: "Writes claim notes back." },
      { scope: "read:leads", before: null, after: "Shows the agent's leads next to claims." },
    ]);
    const dropped = diffVersions(live, { ...live, scopeJustifications: { "write:claims": "  " } });
    expect(dropped.scopeJustifications).toEqual([{ scope: "write:claims", before: live.scopeJustifications["write:claims"], after: null }]);
  });

  it("treats a first submission (no live version) as all added", () => {
    const d = diffVersions(null, live);
    expect(d.firstVersion).toBe(true);
    expect(d.changed).toBe(true);
    expect(d.version).toEqual({ before: null, after: "1.0.0", changed: true });
    expect(d.requestedScopes).toEqual({ added: live.requestedScopes, removed: [], unchanged: [], changed: true });
    expect(d.newScopes).toEqual(live.requestedScopes);
    expect(d.redirectUris.added).toEqual(live.redirectUris);
    expect(d.mappableFields.added).toEqual(live.mappableFields);
    expect(d.webhookUrl).toEqual({ before: null, after: live.webhookUrl, changed: true });
    expect(d.configSchema).toMatchObject({ before: null, changed: true });
    expect(d.scopeJustifications).toEqual([{ scope: "write:claims", before: null, after: live.scopeJustifications["write:claims"] }]);
  });

  it("a first version without optional fields does not report them as changed", () => {
    const bare: VersionLike = { ...live, webhookUrl: null, healthCheckUrl: null, configSchema: null, scopeJustifications: {}, mappableFields: [] };
    const d = diffVersions(null, bare);
    expect(d.webhookUrl.changed).toBe(false);
    expect(d.configSchema.changed).toBe(false);
    expect(d.mappableFields.changed).toBe(false);
  });
});

describe("diffList", () => {
  it("ignores duplicates and keeps list order", () => {
    expect(diffList(["b", "a", "a"], ["c", "a", "c", "b"])).toEqual({ added: ["c"], removed: [], unchanged: ["a", "b"], changed: true });
  });
});
