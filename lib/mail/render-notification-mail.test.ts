import { describe, expect, it } from "vitest";
import { absoluteLink, renderNotificationMail } from "./render-notification-mail";

const app = "https://portico.example.com";

describe("renderNotificationMail", () => {
  it("makes app paths absolute and refuses links that are not http(s)", () => {
    expect(absoluteLink("/support/42", app)).toBe("https://portico.example.com/support/42");
    expect(absoluteLink("https://docs.example.com/a?b=1", app)).toBe("https://docs.example.com/a?b=1");
    expect(absoluteLink("//evil.example.com/x", app)).toBeNull();
    expect(absoluteLink("javascript:alert(1)", app)).toBeNull();
    expect(absoluteLink("data:text/html,<b>x</b>", app)).toBeNull();
    expect(absoluteLink("support/42", app)).toBeNull();
    expect(absoluteLink(undefined, app)).toBeNull();
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
