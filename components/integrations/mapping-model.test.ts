import { describe, expect, it } from "vitest";
import { completeMappings, defaultEventType, fieldGroups, mappingRows, MappingsForm } from "./mapping-model";

describe("mappingRows and completeMappings", () => {
  it("reads saved mappings into rows (no transform → as is) and sends only filled-in rows, remembering their row", () => {
    const rows = mappingRows([
      { sourceField: "lead.contact.email", targetField: "email", transform: "lowercase" },
      { sourceField: "policy.premiumCents", targetField: "premium" },
    ]).mappings;
    expect(rows).toEqual([
      { sourceField: "lead.contact.email", targetField: "email", transform: "lowercase" },
      { sourceField: "policy.premiumCents", targetField: "premium", transform: "none" },
    ]);
    const { mappings, rowOf } = completeMappings([rows[0], { sourceField: "", targetField: "x", transform: "none" }, { ...rows[1], targetField: "  premium_amount " }, undefined]);
    expect(mappings).toEqual([
      { sourceField: "lead.contact.email", targetField: "email", transform: "lowercase" },
      { sourceField: "policy.premiumCents", targetField: "premium_amount", transform: "none" },
    ]);
    expect(rowOf).toEqual([0, 2]);
  });

  it("asks for both fields of a row before saving", () => {
    const r = MappingsForm.safeParse({ mappings: [{ sourceField: "", targetField: " ", transform: "none" }] });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["mappings.0.sourceField", "mappings.0.targetField"]);
    expect(MappingsForm.safeParse({ mappings: [{ sourceField: "lead.source", targetField: "src", transform: "shout" }] }).success).toBe(false);
  });
});

describe("fieldGroups", () => {
  it("groups fields by area, sorted, and keeps a chosen field the list no longer has", () => {
    expect(fieldGroups([{ field: "policy.carrier" }, { field: "lead.source" }, { field: "lead.contact.email" }], ["claim.claimNumber", ""])).toEqual([
      { area: "claim", fields: ["claim.claimNumber"] },
      { area: "lead", fields: ["lead.contact.email", "lead.source"] },
      { area: "policy", fields: ["policy.carrier"] },
    ]);
  });
});

describe("defaultEventType", () => {
  const types = [
    { name: "claim.filed", area: "claim" },
    { name: "lead.updated", area: "lead" },
    { name: "lead.created", area: "lead" },
    { name: "policy.old", area: "policy", deprecated: true },
    { name: "policy.created", area: "policy" },
  ];
  it("starts on a created event of the first mapping's area, else of leads, else the first live type", () => {
    expect(defaultEventType(types, [{ sourceField: "lead.contact.email", targetField: "e" }])).toBe("lead.created");
    expect(defaultEventType(types, [{ sourceField: "policy.carrier", targetField: "c" }])).toBe("policy.created");
    expect(defaultEventType(types, [{ sourceField: "claim.claimNumber", targetField: "c" }])).toBe("claim.filed");
    expect(defaultEventType(types, [])).toBe("lead.created");
    expect(defaultEventType(types.slice(0, 1), [{ sourceField: "user.email", targetField: "e" }])).toBe("claim.filed");
  });
});
