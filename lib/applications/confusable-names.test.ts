import { describe, expect, it } from "vitest";
import { areConfusable, containsConfusable, editDistance, skeleton } from "./confusable-names";

describe("skeleton", () => {
  it.each([
    ["Portico", "portico"],
    ["PORTICO", "portico"],
    ["P0rtico", "portico"], // digit zero
    ["Pοrtico", "portico"], // Greek small omicron
    ["Ρortico", "portico"], // Greek capital Rho
    ["Роrtiсо", "portico"], // Cyrillic Р, о, с
    ["Pórtîcö", "portico"], // accents
    ["Ｐｏｒｔｉｃｏ", "portico"], // fullwidth forms (NFKD)
    ["𝐏𝐨𝐫𝐭𝐢𝐜𝐨", "portico"], // mathematical bold (NFKD)
    ["Port\u200Bico", "portico"], // zero-width space
    ["Por-ti.co  ", "portico"], // punctuation and spaces
    ["ClaimVVorks", "claimworks"], // vv → w
    ["Modern Leads", "modemleads"], // rn → m
    ["Lead|Flow", "leadlflow"], // | → l
    ["Lead1", "leadl"], // 1 → l
    ["ΜΕΤΑ", "meta"], // Greek capitals read as Latin M, E, T, A
    ["μ", "u"], // lowercase mu reads as u, not m
    ["保险 助手", "保险助手"], // other scripts are kept, not erased
    ["!!! ---", ""],
  ])("%s → %s", (name, expected) => {
    expect(skeleton(name)).toBe(expected);
  });
});

describe("editDistance", () => {
  it.each([
    ["portico", "portico", 0],
    ["portico", "portlco", 1], // substitution
    ["portico", "portco", 1], // deletion
    ["portico", "porttico", 1], // insertion
    ["claimbridge", "claimbrigde", 1], // neighbours swapped
    ["leadflow", "flowlead", 8],
    ["", "abc", 3],
    ["😀a", "😀b", 1], // by code point, not UTF-16 unit
  ])("%s ↔ %s = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("areConfusable", () => {
  it("matches names a reader cannot tell apart", () => {
    expect(areConfusable("LeadFlow Sync", "Lead-Flow sync")).toBe(true);
    expect(areConfusable("LeadFlow Sync", "LeadFIow Sync")).toBe(true); // capital I for l: one edit
    expect(areConfusable("ClaimBridge", "ClaimBrigde")).toBe(true); // transposition
    expect(areConfusable("ClaimBridge", "CIaimBridge")).toBe(true);
    expect(areConfusable("Modern CRM", "Modem CRM")).toBe(true); // rn/m
    expect(areConfusable("Acme", "Аcmе")).toBe(true); // short but equal skeletons (Cyrillic а, е)
  });

  it("leaves different names alone", () => {
    expect(areConfusable("CRM", "CMS")).toBe(false); // one edit, but too short to judge
    expect(areConfusable("Lead", "Leads")).toBe(false);
    expect(areConfusable("LeadFlow", "LeadFlowPro")).toBe(false);
    expect(areConfusable("ClaimBridge", "ClaimBuddy")).toBe(false);
    expect(areConfusable("!!!", "???")).toBe(false); // empty skeletons say nothing
  });
});

describe("containsConfusable", () => {
  it.each(["Portico", "Portico Sync", "My P0rtico Helper", "PortiCo-Connect", "Pοrtico", "Port1co Leads", "PortIco", "Portlco", "AcmePortico"])(
    "%s shows Portico",
    (name) => {
      expect(containsConfusable(name, "Portico")).toBe(true);
    },
  );

  it.each(["Portion Planner", "Proportional Claims", "Port Authority", "Acme Quotes", "Porti"])("%s does not", (name) => {
    expect(containsConfusable(name, "Portico")).toBe(false);
  });

  it("only accepts exact matches for short words", () => {
    expect(containsConfusable("Acme CRM", "CRM")).toBe(true);
    expect(containsConfusable("Acme CMS", "CRM")).toBe(false);
  });
});
