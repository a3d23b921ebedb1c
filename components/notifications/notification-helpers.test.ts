import { describe, expect, it } from "vitest";
import { kindLabel } from "./kinds";
import { notificationTarget } from "./link";
import { placePreferenceErrors } from "./preference-errors";

describe("notificationTarget", () => {
  it("opens an app path in place and an http(s) URL as an external link", () => {
    expect(notificationTarget("/support/7f0c?tab=comments#c1")).toEqual({ href: "/support/7f0c?tab=comments#c1", external: false });
    expect(notificationTarget("https://status.example.com/incidents/1")).toEqual({ href: "https://status.example.com/incidents/1", external: true });
  });

  it("is no link for nothing, a script, another host without a scheme, or credentials in the URL", () => {
    for (const link of [null, undefined, "", "javascript:alert(1)", "//evil.example/x", "/\\evil.example", "/%2F%2Fevil.example", "data:text/html,x", "https://user:pw@evil.example/"]) {
      expect(notificationTarget(link), String(link)).toBeNull();
    }
  });
});

describe("kindLabel", () => {
  it("reads a catalog kind as its group and label", () => {
    expect(kindLabel("billing.invoice_overdue")).toEqual({ group: "Billing", label: "Invoice overdue" });
    expect(kindLabel("support.ticket_reply")).toEqual({ group: "Support", label: "Reply from support" });
  });

  it("still reads a kind the catalog lacks (a newer server, a retired kind)", () => {
    expect(kindLabel("webhooks.secret_expiring")).toEqual({ group: "Webhooks", label: "Secret expiring" });
    expect(kindLabel("legacy")).toEqual({ group: "Legacy", label: "Legacy" });
  });
});

describe("placePreferenceErrors", () => {
  it("puts a row's error on the kind the request named there, and keeps the rest for the form", () => {
    const sent = ["billing.invoice_issued", "review.created"];
    const { byKind, unplaced } = placePreferenceErrors(
      [
        { path: "preferences.1.kind", message: "Named twice" },
        { path: "preferences.1.mail", message: "Expected boolean" },
        { path: "preferences.7.kind", message: "Unknown notification kind" },
        { path: "preferences", message: "Too many" },
        { path: "(body)", message: "Malformed JSON" },
      ],
      sent,
    );
    expect([...byKind]).toEqual([["review.created", "Named twice"]]);
    expect(unplaced.map((e) => e.path)).toEqual(["preferences.7.kind", "preferences", "(body)"]);
  });
});
