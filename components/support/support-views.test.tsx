import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { htmlText as text, renderWithQueries as render, type QuerySeed as Seed } from "@/components/testing/render-views";
import type { Ticket, TicketComment } from "@/lib/support/schemas";
import { commentsKey, ticketsKey } from "./queries";
import { RequesterTicket } from "./requester-ticket";
import { StaffQueue } from "./staff-queue";
import { StaffTicket } from "./staff-ticket";
import { TicketsList } from "./tickets-list";
import { NewTicketForm } from "./new-ticket-form";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";

// The support views rendered with their queries already answered (as the API would), so what a
// requester and staff see for each answer is checked without a browser.




const hour = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: "11111111-1111-4111-8111-111111111111",
  number: 1042,
  subject: "Deliveries to our endpoint are dead",
  body: "Our endpoint **returned 500** for every delivery.",
  status: "open",
  priority: "urgent",
  category: "technical",
  links: [
    {
      type: "delivery",
      id: "22222222-2222-4222-8222-222222222222",
      context: {
        label: "lead.created → https://hooks.acme.test/portico",
        status: "dead",
        tone: "error",
        details: { Attempts: "5", "Last response": "500" },
        href: "/webhooks",
      },
    },
  ],
  requester: { type: "partner", id: "33333333-3333-4333-8333-333333333333", name: "Acme Insurtech", tier: "enterprise" },
  openedBy: { id: "44444444-4444-4444-8444-444444444444", name: "Pat Partner" },
  assignee: null,
  followUpOf: null,
  firstReplyDueAt: inHours(3),
  firstRepliedAt: null,
  nextReplyDueAt: inHours(3),
  slaPaused: false,
  slaBreached: false,
  satisfaction: null,
  commentCount: 0,
  lastCommentAt: null,
  resolvedAt: null,
  closedAt: null,
  createdAt: inHours(-1),
  updatedAt: inHours(-1),
  ...over,
});

const comment = (over: Partial<TicketComment>): TicketComment => ({
  id: "55555555-5555-4555-8555-555555555555",
  ticketId: ticket().id,
  body: "We are looking into it.",
  internal: false,
  author: { id: "66666666-6666-4666-8666-666666666666", name: "Sam Staff", staff: true },
  createdAt: inHours(-0.5),
  ...over,
});

const thread = (t: Ticket, comments: TicketComment[]): Seed => [commentsKey(t.id), { pages: [{ data: comments, nextCursor: null }], pageParams: [null] }];

describe("the requester's ticket", () => {
  it("promises the reply by its due time, shows the thread with staff replies marked, and the attached delivery", () => {
    const t = ticket();
    const html = render(<RequesterTicket initial={t} />, [thread(t, [comment({})])]);
    const page = text(html);
    expect(page).toContain("Ticket #1042");
    expect(page).toMatch(/We'll reply by \w{3} \d+, \d+:\d\d [AP]M UTC/);
    expect(page).toContain("Sam Staff Portico support");
    expect(html).toContain("<strong>returned 500</strong>");
    expect(page).toContain("lead.created → https://hooks.acme.test/portico");
    expect(html).toMatch(/data-tone="error"/);
    expect(page).toContain("Mark resolved");
    expect(page).toContain("Send reply");
    expect(page).not.toContain("Replying reopens");
  });

  it("waits on the requester when pending, and says a reply reopens it", () => {
    const t = ticket({ status: "pending", slaPaused: true, nextReplyDueAt: null, firstRepliedAt: inHours(-0.5) });
    const page = text(render(<RequesterTicket initial={t} />, [thread(t, [comment({})])]));
    expect(page).toContain("Waiting on you.");
    expect(page).not.toContain("We'll reply by");
    expect(page).toContain("Replying reopens it");
  });

  it("asks for a rating once resolved", () => {
    const t = ticket({ status: "resolved", nextReplyDueAt: null, resolvedAt: "2026-03-02T10:00:00.000Z" });
    const page = text(render(<RequesterTicket initial={t} />, [thread(t, [])]));
    expect(page).toContain("Resolved — closes automatically on Mar 6, 2026");
    expect(page).toContain("How did we do?");
    expect(page).not.toContain("Mark resolved");
  });

  it("offers a follow-up instead of a reply box once closed", () => {
    const t = ticket({ status: "closed", nextReplyDueAt: null, closedAt: "2026-03-06T10:00:00.000Z" });
    const html = render(<RequesterTicket initial={t} />, [thread(t, [])]);
    expect(text(html)).toContain("This ticket is closed.");
    expect(html).toContain(`href="/support/new?followUp=${t.id}"`);
    expect(text(html)).not.toContain("Send reply");
  });
});

describe("messages", () => {
  it("keep the page's outline and never fetch an image a requester wrote", () => {
    const t = ticket({ body: "# Steps\n\n![trace](https://pixel.example/p.png)\n\n<img src=https://pixel.example/q.png>" });
    const html = render(<RequesterTicket initial={t} />, [thread(t, [])]);
    expect(html).toMatch(/<h4[^>]*>Steps<\/h4>/);
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://pixel.example/p.png"');
    expect(text(html)).toContain("Image: trace");
  });
});

describe("the staff ticket", () => {
  it("draws internal notes apart and offers a public reply or a note", () => {
    const t = ticket();
    const html = render(<StaffTicket initial={t} me={{ id: "66666666-6666-4666-8666-666666666666", name: "Sam Staff" }} />, [
      thread(t, [comment({ id: "77777777-7777-4777-8777-777777777777", internal: true, body: "Their endpoint is behind a WAF." })]),
    ]);
    const note = /<article[^>]*data-testid="internal-note"[^>]*>([\s\S]*?)<\/article>/.exec(html);
    expect(note && text(note[1])).toContain("Internal note — not visible to the requester");
    expect(note && text(note[1])).toContain("Their endpoint is behind a WAF.");
    expect(text(html)).toContain("Public reply");
    expect(text(html)).toContain("Status after reply");
    expect(html).toContain(`href="/admin/partners/${t.requester.id}"`);
    expect(text(html)).toContain("SLA times halved");
  });
});

describe("a new ticket", () => {
  const router = { push: () => {}, replace: () => {}, refresh: () => {}, back: () => {}, forward: () => {}, prefetch: () => {} } as never;
  const form = (ui: ReactNode) => render(<AppRouterContext.Provider value={router}>{ui}</AppRouterContext.Provider>, []);

  it("offers each priority with the first reply it buys, halved for an enterprise partner", () => {
    const html = form(<NewTicketForm requester={{ kind: "partner", tier: "enterprise" }} linkTypes={["delivery", "invoice"]} prefill={{ category: "account", link: null }} followUp={null} />);
    expect(html).toContain(">Urgent: first reply within 30 minutes</option>");
    expect(text(html)).toContain("App review");
    expect(text(html)).toContain("After that, a reply within 12 hours of each of your messages. Enterprise times: half the standard.");
  });

  // The form's own values (subject, selects) are set in the browser (react-hook-form); the e2e spec checks them.
  it("starts a follow-up from the closed ticket and what it had attached", () => {
    const closed = ticket({ status: "closed", category: "integration", closedAt: inHours(-2), nextReplyDueAt: null });
    const html = form(<NewTicketForm requester={{ kind: "customer", tier: null }} linkTypes={["integration", "delivery"]} prefill={{ category: null, link: null }} followUp={{ ticket: closed }} />);
    expect(text(html)).toContain("Following up #1042 Deliveries to our endpoint are dead");
    expect(text(html)).toContain("Webhook delivery lead.created → https://hooks.acme.test/portico");
    // A customer does not submit apps for review.
    expect(text(html)).not.toContain("App review");
  });

  it("tells the requester when the ticket to follow up is still open", () => {
    const html = form(<NewTicketForm requester={{ kind: "partner", tier: "standard" }} linkTypes={[]} prefill={{ category: null, link: null }} followUp={{ openTicket: ticket() }} />);
    expect(text(html)).toContain("#1042 is not closed: you can still reply on it instead.");
    expect(html).toContain(`href="/support/${ticket().id}"`);
    expect(text(html)).not.toContain("Following up");
  });
});

describe("the lists", () => {
  it("lists the requester's tickets with the reply they can expect", () => {
    const params = { status: "open,pending", priority: undefined };
    const html = render(<TicketsList />, [[[...ticketsKey, "mine", params, undefined], { data: [ticket(), ticket({ id: "88888888-8888-4888-8888-888888888888", number: 1043, status: "pending", slaPaused: true, nextReplyDueAt: null })], nextCursor: null }]], "?status=open,pending");
    const row = (n: number) => text(new RegExp(`<tr[^>]*data-testid="ticket-row-${n}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)![1]);
    expect(row(1042)).toContain("We'll reply by");
    expect(row(1043)).toContain("Waiting on you");
    expect(row(1043)).not.toContain("We'll reply by");
    expect(html).toMatch(/<option value="open,pending" selected="">Open and pending<\/option>/);
  });

  it("puts breached tickets in red with the word, in the staff queue", () => {
    const params = { sort: "sla", status: "open,pending", priority: undefined, category: undefined, assignee: undefined, tier: undefined, q: undefined };
    const breached = ticket({ nextReplyDueAt: inHours(-1), slaBreached: true });
    const html = render(<StaffQueue meId="66666666-6666-4666-8666-666666666666" />, [
      [[...ticketsKey, "queue", params, undefined], { data: [breached], nextCursor: null }],
      [["support", "stats"], { open: 3, pending: 1, breached: 1, dueWithinHour: 0, unassigned: 2 }],
    ]);
    const row = /<tr[^>]*data-testid="queue-row-1042"[^>]*>/.exec(html)![0];
    expect(row).toContain('data-sla="breached"');
    expect(row).toContain("bg-red-50");
    expect(text(html)).toContain("Breached");
    expect(text(html)).toContain("Assign to me");
    expect(text(html)).toMatch(/Unassigned 2/);
  });
});
