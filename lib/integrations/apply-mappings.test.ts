import { describe, expect, it } from "vitest";
import { eventPayloadJsonSchema, standardEventTypes } from "@/lib/events/catalog";
import { applyMappings, applyTransform, explainMappings } from "./apply-mappings";
import { fieldsOf, schemaLeaves } from "./platform-fields";
import { validateConfig } from "./validate-config";
import { secretFieldNames } from "./config-secrets";

const policy = standardEventTypes.find((t) => t.name === "policy.created")!.example;

describe("applyMappings", () => {
  it("reads family-prefixed paths from the event's data and applies each transform", () => {
    const event = { type: "policy.created", data: { ...policy, carrier: "  Harbor Mutual  ", holder: { email: "Sam@X.example" } } };
    const mapped = applyMappings(event, [
      { sourceField: "policy.premiumCents", targetField: "premium", transform: "cents_to_decimal" },
      { sourceField: "policy.carrier", targetField: "carrier", transform: "trim" },
      { sourceField: "policy.holder.email", targetField: "email", transform: "lowercase" },
      { sourceField: "policy.policyNumber", targetField: "number", transform: "none" },
      { sourceField: "policy.effectiveDate", targetField: "start", transform: "date_iso" },
      { sourceField: "lead.contact.email", targetField: "leadEmail" }, // another family: nothing
      { sourceField: "policy.missing.deep", targetField: "gone" }, // absent: nothing
    ]);
    expect({ ...mapped }).toEqual({ premium: "1284.00", carrier: "Harbor Mutual", email: "sam@x.example", number: "AUT-2026-000123", start: "2026-12-01" });
  });

  it("transforms edge values without rounding money or inventing time zones", () => {
    expect(applyTransform("cents_to_decimal", 5)).toBe("0.05");
    expect(applyTransform("cents_to_decimal", -1999)).toBe("-19.99");
    expect(applyTransform("cents_to_decimal", 1.5)).toBeNull();
    expect(applyTransform("cents_to_decimal", "100")).toBeNull();
    expect(applyTransform("date_iso", "2026-11-01T10:30:00+02:00")).toBe("2026-11-01T08:30:00.000Z");
    expect(applyTransform("date_iso", 0)).toBe("1970-01-01T00:00:00.000Z");
    expect(applyTransform("date_iso", "2026-02-30")).toBe("2026-02-30"); // a plain date is kept as written
    expect(applyTransform("date_iso", "soon")).toBeNull();
    expect(applyTransform("uppercase", 42)).toBe(42);
    expect(applyTransform("trim", null)).toBeNull();
  });

  it("never walks the prototype and keeps a __proto__ target a plain key", () => {
    const event = { type: "lead.created", data: { contact: { name: "x" } } };
    expect(explainMappings(event, [{ sourceField: "lead.constructor.name", targetField: "t" }])[0].applies).toBe(false);
    const mapped = applyMappings(event, [{ sourceField: "lead.contact.name", targetField: "__proto__" }]);
    expect(JSON.stringify(mapped)).toBe('{"__proto__":"x"}');
    expect(Object.getPrototypeOf(mapped)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("platform fields", () => {
  it("walks the catalog's JSON schemas to family-prefixed leaves", () => {
    const fields = fieldsOf(standardEventTypes.map((t) => ({ name: t.name, area: t.area, payloadSchema: eventPayloadJsonSchema(t) })));
    const names = fields.map((f) => f.field);
    expect(names).toEqual(expect.arrayContaining(["lead.contact.email", "lead.contact.phone", "policy.premiumCents", "claim.amountCents", "billing.totalCents", "integration.integrationId"]));
    expect(fields.find((f) => f.field === "lead.lineOfBusiness")).toMatchObject({ type: "string", enum: ["auto", "home", "life", "health", "commercial", "other"] });
    expect(fields.find((f) => f.field === "lead.changes")).toMatchObject({ type: "array", eventTypes: ["lead.updated"] });
  });

  it("follows local $refs, unwraps nullable unions, and stops at recursion", () => {
    const leaves = schemaLeaves(
      {
        type: "object",
        $defs: { money: { type: "integer" }, node: { type: "object", properties: { child: { $ref: "#/$defs/node" }, label: { type: "string" } } } },
        properties: {
          amount: { $ref: "#/$defs/money" },
          note: { anyOf: [{ type: "string" }, { type: "null" }] },
          tree: { $ref: "#/$defs/node" },
        },
      },
      "custom",
    );
    const byPath = Object.fromEntries(leaves.map((l) => [l.path, l.type]));
    expect(byPath["custom.amount"]).toBe("integer");
    expect(byPath["custom.note"]).toBe("string");
    expect(byPath["custom.tree.label"]).toBe("string");
    expect(leaves.length).toBeLessThan(50);
  });
});

describe("config validation", () => {
  const schema = {
    type: "object",
    properties: { url: { type: "string", format: "uri" }, token: { type: "string", writeOnly: true }, pass: { type: "string", format: "password" }, nested: { type: "object", properties: { n: { type: "integer" } } } },
    required: ["url"],
    additionalProperties: false,
  };
  it("names config.<field> for each problem, nested ones included", () => {
    expect(validateConfig(schema, { url: "x", nested: { n: "1" }, extra: 1 }).map((e) => e.path).sort()).toEqual(["config.extra", "config.nested.n", "config.url"]);
    expect(validateConfig(schema, { url: "https://ok.example" })).toEqual([]);
  });
  it("marks password-format and writeOnly settings secret", () => {
    expect(secretFieldNames(schema)).toEqual(["token", "pass"]);
    expect(secretFieldNames(null)).toEqual([]);
  });
  it("refuses a schema that cannot be run safely rather than compiling it", () => {
    expect(validateConfig({ type: "object", properties: { a: { type: "string", pattern: "(a+)+$" } } }, { a: "x" })).toEqual([{ path: "config", message: expect.any(String) }]);
  });
});
