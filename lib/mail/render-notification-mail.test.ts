import { describe, expect, it } from "vitest";
import { openRedirectPayloads } from "@/lib/testing/open-redirect-payloads";
import { absoluteLink, renderNotificationMail } from "./render-notification-mail";

const app = "https://portico.example.com";

describe("renderNotificationMail", () => {
  it("makes app paths absolute, keeps URLs on the app's own origin, and refuses every other link", () => {
    expect(absoluteLink("/support/42", app)).toBe("https://portico.example.com/support/42");
    expect(absoluteLink("/invoices/7?tab=lines#total", app)).toBe("https://portico.example.com/invoices/7?tab=lines#total");
    expect(absoluteLink("https://portico.example.com/support/42?x=1", app)).toBe("https://portico.example.com/support/42?x=1");
    // Another host, even a sibling or a look-alike, another scheme or port of ours, or credentials.
    expect(absoluteLink("https://docs.example.com/a?b=1", app)).toBeNull();
    expect(absoluteLink("https://portico.example.com.evil.example/x", app)).toBeNull();
    expect(absoluteLink("http://portico.example.com/support/42", app)).toBeNull();
    expect(absoluteLink("https://portico.example.com:8443/support/42", app)).toBeNull();
    expect(absoluteLink("https://user:pw@portico.example.com/support/42", app)).toBeNull();
    expect(absoluteLink("https://portico.example.com//evil.example/x", app)).toBeNull();
    expect(absoluteLink("//evil.example.com/x", app)).toBeNull();
    expect(absoluteLink("javascript:alert(1)", app)).toBeNull();
    expect(absoluteLink("data:text/html,<b>x</b>", app)).toBeNull();
    expect(absoluteLink("support/42", app)).toBeNull();
    expect(absoluteLink(undefined, app)).toBeNull();
  });

  it("links nowhere for any published open-redirect payload that names another place", () => {
    for (const { payload, lands } of openRedirectPayloads) {
      const url = absoluteLink(payload, app);
      if (lands === "fallback") expect(url, payload).toBeNull();
      else expect(url === null || url.startsWith(`${app}/`), payload).toBe(true);
    }
  });

  it("drops a link to another host from the mail altogether", () => {
    const m = renderNotificationMail({ title: "Your report is ready", link: "https://evil.example/login" }, app);
    expect(m.text).not.toContain("evil.example");
    expect(m.html).not.toContain("evil.example");
    expect(m.html).not.toContain("Open in Portico");
  });

  it("keeps the subject to one line and writes the same words in text and HTML", () => {
    const m = renderNotificationMail({ title: "Ticket #1001\r\nBcc: victim@example.com", body: "First line\nsecond line\n\nNew paragraph & more", link: "/support/1" }, app);
    expect(m.subject).toBe("Ticket #1001 Bcc: victim@example.com");
    expect(m.text).toContain("First line\nsecond line\n\nNew paragraph & more");
    expect(m.text).toContain("Open in Portico: https://portico.example.com/support/1");
    expect(m.html).toContain("First line<br>second line</p>");
    expect(m.html).toContain("New paragraph &amp; more</p>");
    expect(m.html).toContain('href="https://portico.example.com/support/1"');
    expect(m.html).toContain('href="https://portico.example.com/notifications/settings"');
  });

  it("has no button without a link", () => {
    const m = renderNotificationMail({ title: "Hello" }, app);
    expect(m.html).not.toContain("Open in Portico");
    expect(m.text).not.toContain("Open in Portico");
  });
});
