import { describe, expect, it } from "vitest";
import { htmlText as text, renderWithQueries as render } from "@/components/testing/render-views";
import { NotificationsList } from "./notifications-list";
import { PreferencesForm } from "./preferences-form";
import { notificationsKey, preferencesKey } from "./queries";
import type { Inbox, Notification, NotificationPreference } from "./types";

// The Notifications page and the settings form rendered with their queries already answered (as
// the API would), so what a user sees for each answer is checked without a browser.



const note = (over: Partial<Notification>): Notification => ({
  id: "11111111-1111-4111-8111-111111111111",
  kind: "support.ticket_reply",
  title: "Support replied to ticket #42",
  body: "We rotated the key for you.",
  link: "/support/11111111-1111-4111-8111-111111111111",
  readAt: null,
  createdAt: "2026-05-01T10:00:00.000Z",
  ...over,
});

// usePagedList's key for the first page of a filter.
const pageKey = (unread?: "true") => [...notificationsKey, "page", unread ? { unread } : {}, undefined];

describe("NotificationsList", () => {
  it("shows each notification's kind, title, text and time; links where it leads; marks the unread ones", () => {
    const inbox: Inbox = {
      data: [
        note({}),
        note({ id: "22222222-2222-4222-8222-222222222222", kind: "billing.invoice_issued", title: "Invoice PRT-1 issued", body: "", link: null, readAt: "2026-05-01T11:00:00.000Z" }),
        note({ id: "33333333-3333-4333-8333-333333333333", title: "A trap", link: "javascript:alert(1)" }),
      ],
      nextCursor: null,
      unread: 2,
    };
    const html = render(<NotificationsList />, [[pageKey(), inbox]]);
    const t = text(html);
    expect(t).toContain("All notifications");
    expect(t).toContain("Support · Reply from support");
    expect(t).toContain("Billing · Invoice issued");
    expect(t).toContain("We rotated the key for you.");
    expect(html).toContain('href="/support/11111111-1111-4111-8111-111111111111"');
    expect(html).not.toContain("javascript:");
    // Read ones have no "Mark read"; unread ones say so to a screen reader too.
    expect(html.match(/>Mark read</g)).toHaveLength(2);
    expect(html.match(/Unread · /g)).toHaveLength(2);
    expect(html).toContain('dateTime="2026-05-01T10:00:00.000Z"');
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>Mark all read/);
  });

  it("says when there is nothing, and when nothing is unread (with the way back to all)", () => {
    const empty: Inbox = { data: [], nextCursor: null, unread: 0 };
    expect(text(render(<NotificationsList />, [[pageKey(), empty]]))).toContain("No notifications yet");
    const unread = render(<NotificationsList />, [[pageKey("true"), empty]], "?filter=unread");
    expect(text(unread)).toContain("No unread notifications");
    expect(text(unread)).toContain("Show all");
    expect(unread).toMatch(/<button[^>]*disabled=""[^>]*>Mark all read/);
  });
});

const pref = (over: Partial<NotificationPreference>): NotificationPreference => ({
  kind: "billing.invoice_issued",
  label: "Invoice issued",
  description: "A new invoice for your partner organisation.",
  group: "billing",
  mail: true,
  defaultMail: true,
  ...over,
});

describe("PreferencesForm", () => {
  it("lists the kinds by group, each with an Email switch in its saved state, named by the kind", () => {
    const list = {
      data: [
        pref({}),
        pref({ kind: "billing.payout_paid", label: "Payout paid", mail: false }),
        pref({ kind: "review.created", label: "New review", group: "marketplace", defaultMail: false, mail: false }),
      ],
    };
    const html = render(<PreferencesForm />, [[preferencesKey, list]]);
    const t = text(html);
    expect(t.indexOf("Billing")).toBeLessThan(t.indexOf("Marketplace"));
    expect(html.match(/role="switch"/g)).toHaveLength(3);
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*role="switch"[^>]*checked=""/);
    // Changed from its default: said under it.
    expect(t).toContain("Payout paid");
    expect(t).toContain("(Email is on by default.)");
    // Each switch is named "Email <kind>": its labelledby ids exist.
    const ids = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].flatMap((m) => m[1].split(" "));
    for (const id of ids) expect(html).toContain(`id="${id}"`);
    // Nothing changed yet: Save waits.
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""/);
  });
});
