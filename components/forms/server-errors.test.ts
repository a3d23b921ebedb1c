import { describe, expect, it } from "vitest";
import { formPaths, placeServerErrors } from "./server-errors";

const client = {
  name: "",
  type: "confidential",
  redirectUris: [{ uri: "https://a.example/cb" }, { uri: "ftp://b.example" }],
  grantTypes: ["authorization_code"],
  scopes: ["read:*", "write:leads"],
};

describe("formPaths", () => {
  it("lists object keys and rows of lists of objects, not items of plain lists", () => {
    expect([...formPaths(client)].sort()).toEqual(
      ["grantTypes", "name", "redirectUris", "redirectUris.0", "redirectUris.0.uri", "redirectUris.1", "redirectUris.1.uri", "scopes", "type"].sort(),
    );
  });

  it("has nothing for values that are not an object", () => {
    expect(formPaths(undefined).size).toBe(0);
    expect(formPaths("x").size).toBe(0);
  });
});

describe("placeServerErrors", () => {
  const paths = formPaths(client);

  it("puts an error on the field with exactly its path", () => {
    const { placed, unplaced } = placeServerErrors([{ path: "name", message: "Required" }], paths);
    expect(placed).toEqual([{ name: "name", message: "Required", errors: [{ path: "name", message: "Required" }] }]);
    expect(unplaced).toEqual([]);
  });

  it("puts an error on a field array row when the row exists", () => {
    const { placed } = placeServerErrors([{ path: "redirectUris.1", message: "must use https" }], paths);
    expect(placed.map((p) => [p.name, p.message])).toEqual([["redirectUris.1", "must use https"]]);
  });

  it("falls back to the nearest ancestor the form has", () => {
    const { placed, unplaced } = placeServerErrors(
      [
        { path: "redirectUris.7", message: "no such row" },
        { path: "scopes.1", message: "not a known scope" },
        { path: "data.customer.id", message: "Required" },
      ],
      new Set([...paths, "data"]),
    );
    expect(placed.map((p) => [p.name, p.message])).toEqual([
      ["redirectUris", "no such row"],
      ["scopes", "not a known scope"],
      ["data", "Required"],
    ]);
    expect(unplaced).toEqual([]);
  });

  it("keeps the first message for a field and every error in `errors`", () => {
    const { placed } = placeServerErrors(
      [
        { path: "data.a", message: "first" },
        { path: "data.b", message: "second" },
      ],
      new Set(["data"]),
    );
    expect(placed).toEqual([
      {
        name: "data",
        message: "first",
        errors: [
          { path: "data.a", message: "first" },
          { path: "data.b", message: "second" },
        ],
      },
    ]);
  });

  it("reports what no field can show: the body, a field the form lacks, an empty path", () => {
    const errors = [
      { path: "(body)", message: "Malformed JSON" },
      { path: "status", message: "Unknown field" },
      { path: "", message: "Invalid" },
      { path: "name", message: "Required" },
    ];
    const { placed, unplaced } = placeServerErrors(errors, paths);
    expect(placed.map((p) => p.name)).toEqual(["name"]);
    expect(unplaced).toEqual(errors.slice(0, 3));
  });

  it("does not match a field by a shared prefix of its name", () => {
    const { unplaced } = placeServerErrors([{ path: "names", message: "x" }], new Set(["name"]));
    expect(unplaced).toHaveLength(1);
  });
});
