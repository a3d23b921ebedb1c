import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import { openRedirectPayloads } from "@/lib/testing/open-redirect-payloads";
import { kindLabel } from "./kinds";
import { notificationTarget } from "./link";
import { placePreferenceErrors } from "./preference-errors";

describe("notificationTarget", () => {
  const app = "https://portico.example.com";

  it("opens an app path, or an absolute URL on the app's own origin, in place", () => {
    expect(notificationTarget("/support/7f0c?tab=comments#c1", app)).toEqual({ href: "/support/7f0c?tab=comments#c1" });
    expect(notificationTarget("https://portico.example.com/invoices/9?x=1#y", app)).toEqual({ href: "/invoices/9?x=1#y" });
    expect(notificationTarget("HTTPS://PORTICO.example.com/invoices/9", app)).toEqual({ href: "/invoices/9" });
  });

  it("is no link for nothing, a script, another host (with or without a scheme), another port or scheme of ours, or credentials in the URL", () => {
    for (const link of [
      null,
      undefined,
      "",
      "javascript:alert(1)",
      "//evil.example/x",
      "/\\evil.example",
      "/%2F%2Fevil.example",
      "data:text/html,x",
      "https://user:pw@evil.example/",
      "https://status.example.com/incidents/1",
      "https://portico.example.com.evil.example/x",
      "http://portico.example.com/x",
      "https://portico.example.com:8443/x",
      "https://user:pw@portico.example.com/x",
      "https://portico.example.com//evil.example/x",
    ]) {
      expect(notificationTarget(link, app), String(link)).toBeNull();
    }
  });

  it("takes no published open-redirect payload anywhere but a path of the app", () => {
    for (const { payload } of openRedirectPayloads) {
      const target = notificationTarget(payload, app);
      if (target) expect(safeReturnPath(target.href), payload).toBe(target.href);
    }
  });

  it("without a known origin (server rendering), links app paths only", () => {
    expect(notificationTarget("/support/1", undefined)).toEqual({ href: "/support/1" });
    expect(notificationTarget("https://portico.example.com/support/1", undefined)).toBeNull();
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
