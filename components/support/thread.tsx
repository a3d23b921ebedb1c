"use client";

import { Lock } from "lucide-react";
import { Markdown } from "@/components/marketplace/markdown";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import type { Ticket, TicketComment } from "@/lib/support/schemas";
import { useComments } from "./queries";

// The conversation, top to bottom: the requester's first message (the ticket's body), then every
// comment the caller may see. Staff replies carry "Portico support"; internal notes (only ever sent
// to staff) are drawn apart: yellow, a lock, and a label saying the requester does not see them.

export const messageDomId = (id: string) => `message-${id}`;

/**
 * Focus an element once a refetch has drawn it (a screen reader hears that what was just sent
 * arrived). The refetch resolves before React commits it, so look on each frame, for a while.
 */
export function focusWhenDrawn(find: () => HTMLElement | null | undefined, framesLeft = 120) {
  const el = find();
  if (el) el.focus();
  else if (framesLeft > 0) requestAnimationFrame(() => focusWhenDrawn(find, framesLeft - 1));
}

export const focusMessage = (id: string) => focusWhenDrawn(() => document.getElementById(messageDomId(id)));

type Message = { id: string; body: string; author: string; staff: boolean; internal: boolean; createdAt: string; opening?: boolean };

function Entry({ m, audience }: { m: Message; audience: "requester" | "staff" }) {
  const tone = m.internal
    ? "bg-amber-50 ring-amber-400 border-l-4 border-amber-500"
    : m.staff
      ? "bg-brand-50 ring-brand-100 border-l-4 border-brand-500"
      : "bg-white ring-slate-200";
  return (
    <li>
      <article
        id={messageDomId(m.id)}
        tabIndex={-1}
        aria-labelledby={`${messageDomId(m.id)}-by`}
        data-testid={m.internal ? "internal-note" : m.staff ? "staff-reply" : "requester-message"}
        className={`rounded-lg px-4 py-3 shadow-sm ring-1 ring-inset outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${tone}`}
      >
        {m.internal && (
          <p className="mb-2 inline-flex items-center gap-1.5 rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
            <Lock aria-hidden className="size-3.5" />
            Internal note — not visible to the requester
          </p>
        )}
        <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <h3 id={`${messageDomId(m.id)}-by`} className="text-sm font-semibold text-slate-900">
            {m.author}
            {m.staff && !m.internal && (
              <span className="ml-2 rounded-full bg-brand-600 px-2 py-0.5 text-xs font-medium text-white">{audience === "requester" ? "Portico support" : "Staff reply"}</span>
            )}
            {m.opening && <span className="ml-2 text-xs font-normal text-slate-600">opened the ticket</span>}
          </h3>
          <span className="text-xs text-slate-600">
            <Time value={m.createdAt} />
          </span>
        </header>
        <div className="mt-2">
          <Markdown headingLevel={4} images={false}>
            {m.body}
          </Markdown>
        </div>
      </article>
    </li>
  );
}

const fromComment = (c: TicketComment): Message => ({
  id: c.id,
  body: c.body,
  author: c.author.name,
  staff: c.author.staff,
  internal: c.internal,
  createdAt: c.createdAt,
});

export function Thread({ ticket, audience }: { ticket: Ticket; audience: "requester" | "staff" }) {
  const comments = useComments(ticket.id);
  const opening: Message = {
    id: ticket.id,
    body: ticket.body,
    author: ticket.openedBy?.name ?? ticket.requester.name,
    staff: false,
    internal: false,
    createdAt: ticket.createdAt,
    opening: true,
  };
  const rest = comments.data?.pages.flatMap((p) => p.data).map(fromComment) ?? [];
  return (
    <section aria-labelledby="conversation-heading" className="grid gap-3">
      <h2 id="conversation-heading" className="text-sm font-semibold text-slate-900">
        Conversation
      </h2>
      <ol className="grid gap-3" data-testid="thread">
        <Entry m={opening} audience={audience} />
        {rest.map((m) => (
          <Entry key={m.id} m={m} audience={audience} />
        ))}
      </ol>
      {comments.isPending ? (
        <LoadingState label="Loading replies…" />
      ) : comments.isError ? (
        <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.hasNextPage ? (
        <div>
          <Button variant="secondary" size="sm" disabled={comments.isFetchingNextPage} onClick={() => void comments.fetchNextPage()}>
            {comments.isFetchingNextPage ? "Loading…" : "Show later messages"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
