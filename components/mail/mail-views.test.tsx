import { describe, expect, it } from "vitest";
import { htmlText as text, renderWithQueries as render } from "@/components/testing/render-views";
import { MailBody } from "./mail-body";
import { MessageDetail } from "./message-detail";
import { OutboxTable } from "./outbox-table";
import { mailKey } from "./queries";
import type { MailMessage, MailMessageDetail } from "./types";

// The outbox views rendered with their queries already answered (as the API would).



const message = (over: Partial<MailMessageDetail> = {}): MailMessageDetail => ({
  id: "44444444-4444-4444-8444-444444444444",
  to: "kim@acme.example",
  kind: "billing.invoice_overdue",
  subject: "Invoice PRT-202604-000042 is overdue",
  status: "failed",
  attempts: 5,
  nextAttemptAt: null,
  lastError: "connect ECONNREFUSED 127.0.0.1:2525",
  sentAt: null,
  createdAt: "2026-05-01T10:00:00.000Z",
  textBody: "Invoice PRT-202604-000042 is overdue\n\nOpen in Portico: http://localhost:3000/invoices/x",
  htmlBody: '<!doctype html><html><body><h1>Invoice overdue</h1><script>parent.document.title="owned"</script></body></html>',
  messageId: null,
  ...over,
});

describe("OutboxTable", () => {
  const listKey = (params: Record<string, string> = {}) => [...mailKey, "list", params, undefined];

  it("lists each mail with its recipient, kind, status and attempts, linking to the message", () => {
    const rows: MailMessage[] = [message(), message({ id: "55555555-5555-4555-8555-555555555555", status: "sent", attempts: 1, lastError: null, sentAt: "2026-05-01T10:01:00.000Z", subject: "Payout sent" })];
    const html = render(<OutboxTable smtpConfigured />, [[listKey(), { data: rows, nextCursor: null }]]);
    const row = /<tr[^>]*data-testid="mail-row-44444444-4444-4444-8444-444444444444"[^>]*>([\s\S]*?)<\/tr>/.exec(html)![1];
    expect(text(row)).toContain("Invoice PRT-202604-000042 is overdue");
    expect(text(row)).toContain("kim@acme.example");
    expect(text(row)).toContain("Billing · Invoice overdue");
    expect(text(row)).toContain("failed");
    expect(text(row)).toContain("Not sent");
    expect(row).toContain('href="/admin/outbox/44444444-4444-4444-8444-444444444444"');
    expect(html).toContain('aria-label="Mail messages"');
  });

  it("keeps the filters from the URL and says when nothing matches", () => {
    const html = render(<OutboxTable smtpConfigured={false} />, [[listKey({ q: "kim", status: "failed" }), { data: [], nextCursor: null }]], "?q=kim&status=failed");
    expect(html).toMatch(/<input[^>]*value="kim"/);
    expect(html).toMatch(/<option value="failed" selected="">/);
    expect(text(html)).toContain("No mail matches");
  });
});

describe("MailBody", () => {
  it("shows the text first, with no frame until the HTML is asked for", () => {
    const m = message();
    const html = render(<MailBody subject={m.subject} html={m.htmlBody} text={m.textBody} />);
    expect(html).not.toContain("<iframe");
    expect(html).toMatch(/<pre[^>]*aria-label="Text body"[^>]*>Invoice PRT-202604-000042 is overdue\n\nOpen in Portico/);
  });

  it("draws the HTML in a frame with every sandbox flag off, its markup only inside srcdoc", () => {
    const m = message();
    const html = render(<MailBody subject={m.subject} html={m.htmlBody} text={m.textBody} />, [], "?body=html");
    const frame = /<iframe[^>]*>/.exec(html)![0];
    expect(frame).toContain('sandbox=""');
    expect(frame).toMatch(/srcDoc="&lt;!doctype html&gt;.*&lt;script&gt;/);
    expect(frame).toContain(`title="HTML body: ${m.subject}"`);
    // Nowhere else on the page as markup.
    expect(html.replace(frame, "")).not.toContain("<script>");
  });
});

describe("MessageDetail", () => {
  it("shows the headers, the last error and Retry for a failed message", () => {
    const html = render(<MessageDetail initial={message()} />);
    const t = text(html);
    for (const s of ["kim@acme.example", "billing.invoice_overdue", "connect ECONNREFUSED 127.0.0.1:2525", "Attempts 5", "not sent; gave up after retrying"]) expect(t).toContain(s);
    expect(t).toContain("Retry");
  });

  it("has no Retry for a message that was sent", () => {
    const html = render(<MessageDetail initial={message({ status: "sent", lastError: null, sentAt: "2026-05-01T10:01:00.000Z", messageId: "<abc@portico.test>" })} />);
    expect(text(html)).not.toContain("Retry");
    expect(text(html)).toContain("Message id &lt;abc@portico.test&gt;");
  });
});
