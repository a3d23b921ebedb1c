import { describe, expect, it } from "vitest";
import { areas, crumbsFor, isActive } from "./nav";

describe("crumbsFor", () => {
  it("names a section page after its nav item, under the area", () => {
    expect(crumbsFor("partner", "/keys")).toEqual([{ label: "Partner portal", href: "/dashboard" }, { label: "API keys" }]);
  });

  it("names a sub-page from the item's children, with the section as a link", () => {
    expect(crumbsFor("partner", "/settings/contacts")).toEqual([
      { label: "Partner portal", href: "/dashboard" },
      { label: "Settings", href: "/settings" },
      { label: "Contacts" },
    ]);
  });

  it("names a page under an id by the item's detail label", () => {
    expect(crumbsFor("admin", "/admin/partners/6e5d0000-0000-4000-8000-000000000000").map((c) => c.label)).toEqual(["Platform admin", "Partners", "Partner"]);
  });

  it("does not name the marketplace twice for a customer", () => {
    expect(crumbsFor("customer", "/marketplace/apps/acme-claims-sync").map((c) => c.label)).toEqual(["Marketplace", "App"]);
    expect(crumbsFor("customer", "/marketplace/search").map((c) => c.label)).toEqual(["Marketplace", "Search"]);
    expect(crumbsFor("customer", "/marketplace/categories/claims").map((c) => c.label)).toEqual(["Marketplace", "Category"]);
  });

  it("gives nothing for a path outside the area (a no-access or 404 page drawn in the viewer's shell)", () => {
    expect(crumbsFor("customer", "/keys")).toEqual([]);
    expect(crumbsFor("partner", "/no-such-page")).toEqual([]);
  });
});

describe("isActive", () => {
  it("matches the item and what is under it, not a longer sibling", () => {
    expect(isActive({ href: "/keys" }, "/keys")).toBe(true);
    expect(isActive({ href: "/keys" }, "/keys/abc")).toBe(true);
    expect(isActive({ href: "/keys" }, "/keysmith")).toBe(false);
  });

  it("marks exactly one item of each area for each of its pages", () => {
    for (const { nav } of Object.values(areas)) {
      for (const item of nav) expect(nav.filter((i) => isActive(i, item.href))).toEqual([item]);
    }
  });
});
