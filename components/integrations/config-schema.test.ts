import { describe, expect, it } from "vitest";
import { configFields, configFormSchema, configFormValues, configPayload, humanize, toFormErrors } from "./config-schema";

const schema = {
  type: "object",
  properties: {
    apiBaseUrl: { type: "string", format: "uri", title: "API base URL", description: "Where the agency's system answers" },
    syncIntervalMinutes: { type: "integer", minimum: 5, default: 15 },
    ratio: { type: "number" },
    region: { type: "string", enum: ["us", "eu"] },
    tier: { enum: [1, 2, 3] },
    notify: { type: "boolean", default: true },
    apiKey: { type: "string", format: "password" },
    token: { type: "string", writeOnly: true },
    contact: { type: "string", format: "email" },
    nested: { type: "object", properties: { a: { type: "string" } } },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["apiBaseUrl", "apiKey", "token"],
};

describe("configFields", () => {
  it("turns each simple property into a control, required first and checkboxes last, and leaves objects and arrays out", () => {
    const fields = configFields(schema);
    expect(fields.map((f) => [f.name, f.key, f.kind])).toEqual([
      ["apiBaseUrl", "f0", "string"],
      ["apiKey", "f1", "string"],
      ["token", "f2", "string"],
      ["syncIntervalMinutes", "f3", "integer"],
      ["ratio", "f4", "number"],
      ["region", "f5", "enum"],
      ["tier", "f6", "enum"],
      ["contact", "f7", "string"],
      ["notify", "f8", "boolean"],
    ]);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.apiBaseUrl).toMatchObject({ label: "API base URL", description: "Where the agency's system answers", required: true, format: "uri", secret: false });
    expect(byName.syncIntervalMinutes).toMatchObject({ label: "Sync interval minutes", required: false, default: 15 });
    expect(byName.apiKey.secret).toBe(true);
    expect(byName.token.secret).toBe(true);
    expect(byName.contact).toMatchObject({ format: "email", secret: false });
    expect(byName.tier.options).toEqual([1, 2, 3]);
  });

  it("reads no fields from something that is not an object schema", () => {
    expect(configFields(null)).toEqual([]);
    expect(configFields({ type: "object" })).toEqual([]);
    expect(configFields({ properties: [] })).toEqual([]);
  });

  it("humanizes names without a title", () => {
    expect(humanize("syncIntervalMinutes")).toBe("Sync interval minutes");
    expect(humanize("api_base-url")).toBe("Api base url");
  });
});

describe("configFormValues and configPayload", () => {
  const fields = configFields(schema);
  const stored = { apiBaseUrl: "https://crm.example.com", region: "eu", tier: 2, nested: { a: "kept" }, tags: ["x"] };

  it("starts from the stored config, then the defaults; secrets start blank", () => {
    const { fields: v } = configFormValues(fields, { ...stored, apiKey: "leaked?" });
    expect(v).toEqual({ f0: "https://crm.example.com", f1: "", f2: "", f3: "15", f4: "", f5: "eu", f6: "2", f7: "", f8: true });
  });

  it("sends typed values, leaves blanks and untouched secrets out, and keeps properties the form does not show", () => {
    const values = configFormValues(fields, stored);
    values.fields.f3 = " 30 ";
    values.fields.f4 = "0.5";
    values.fields.f6 = "3";
    values.fields.f8 = false;
    values.fields.f2 = "new token";
    expect(configPayload(fields, values, stored)).toEqual({
      apiBaseUrl: "https://crm.example.com",
      syncIntervalMinutes: 30,
      ratio: 0.5,
      region: "eu",
      tier: 3,
      notify: false,
      token: "new token",
      nested: { a: "kept" },
      tags: ["x"],
    });
  });
});

describe("configFormSchema", () => {
  const fields = configFields(schema);
  const valid = (over: Record<string, string | boolean>, secretsSet: string[] | null = []) =>
    configFormSchema(fields, secretsSet).safeParse({ fields: { ...configFormValues(fields, {}).fields, f0: "https://x.example", f1: "k", f2: "t", ...over } });

  it("requires required settings and numbers that parse", () => {
    expect(valid({}).success).toBe(true);
    const blank = valid({ f0: "  " });
    expect(blank.success).toBe(false);
    expect(blank.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["fields.f0", "Required."]]);
    expect(valid({ f3: "1.5" }).error?.issues[0].message).toBe("Enter a whole number.");
    expect(valid({ f4: "abc" }).error?.issues[0].message).toBe("Enter a number.");
    expect(valid({ f4: "" }).success).toBe(true);
  });

  it("lets a required secret stay blank only when one is stored (or it cannot be told)", () => {
    expect(valid({ f1: "" }, []).success).toBe(false);
    expect(valid({ f1: "" }, ["apiKey"]).success).toBe(true);
    expect(valid({ f1: "" }, null).success).toBe(true);
  });
});

describe("toFormErrors", () => {
  it("puts the API's config.<property> errors on the property's control", () => {
    const fields = configFields({ properties: { url: { type: "string" }, "a.b": { type: "string" } } });
    expect(
      toFormErrors(fields, [
        { path: "config.url", message: "must be a URL" },
        { path: "config.a.b", message: "required" },
        { path: "config.url.host", message: "bad host" },
        { path: "config.unknown", message: "not allowed" },
        { path: "config", message: "must be an object" },
      ]),
    ).toEqual([
      { path: "fields.f0", message: "must be a URL" },
      { path: "fields.f1", message: "required" },
      { path: "fields.f0", message: "bad host" },
      { path: "config.unknown", message: "not allowed" },
      { path: "config", message: "must be an object" },
    ]);
  });
});
