"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CheckCircle2, Lock } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Form, FormErrorState } from "@/components/ui/form";
import { ErrorState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { CreateCommentInput, type Ticket, type TicketComment } from "@/lib/support/schemas";
import { CLOSES_AFTER_MS, categoryLabel, formatDay, priorityLabel, ticketNumber } from "./format";
import { LinkedObjects } from "./linked-objects";
import { FormMessageEditor, type EditorTab } from "./message-editor";
import { isTicketClosed, ticketKey, ticketPath, useRefreshSupport } from "./queries";
import { SatisfactionWidget } from "./satisfaction";
import { RequesterSlaLine } from "./sla";
import { TicketHeader } from "./ticket-header";
import { useNow } from "@/components/ui/clock";
import { focusMessage, Thread } from "./thread";

// A ticket as its requester sees it: the conversation with the Portico team, when to expect the
// next reply, a reply box (a reply reopens a pending or resolved ticket), "Mark resolved", a rating
// once resolved, and for a closed ticket the way to a follow-up instead of the reply box.

export const followUpHref = (id: string) => `/support/new?followUp=${encodeURIComponent(id)}`;

function useRequesterTicket(initial: Ticket) {
  return useQuery({
    queryKey: ticketKey(initial.id),
    queryFn: () => apiFetch<Ticket>(ticketPath(initial.id)),
    initialData: initial,
    refetchInterval: 30_000,
  });
}

export function RequesterTicket({ initial }: { initial: Ticket }) {
  const query = useRequesterTicket(initial);
  const ticket = query.data;
  // A 409 TICKET_CLOSED from a reply: the page may still show it open until the refetch lands.
  const [closedByServer, setClosedByServer] = useState(false);
  const closed = ticket.status === "closed" || closedByServer;
  const slaRef = useRef<HTMLDivElement>(null);

  return (
    <>
      <TicketHeader ticket={ticket} followUpHref={(id) => `/support/${id}`} actions={!closed && ticket.status !== "resolved" ? <ResolveButton ticket={ticket} onDone={() => slaRef.current?.focus()} /> : undefined} />
      <div ref={slaRef} tabIndex={-1} className="mb-6 outline-none" aria-live="polite">
        <RequesterSlaLine ticket={closedByServer ? { ...ticket, status: "closed" } : ticket} />
      </div>
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-w-0 content-start gap-6">
          <Thread ticket={ticket} audience="requester" />
          {(ticket.status === "resolved" || (ticket.status === "closed" && ticket.satisfaction)) && <SatisfactionWidget ticket={ticket} />}
          {closed ? <ClosedCallout ticket={ticket} focusOnMount={closedByServer} /> : <ReplyBox ticket={ticket} onClosed={() => setClosedByServer(true)} />}
        </div>
        <aside aria-label="Ticket details" className="grid content-start gap-6">
          <Card title="Details">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">Priority</dt>
              <dd>{priorityLabel[ticket.priority]}</dd>
              <dt className="text-slate-600">Category</dt>
              <dd>{categoryLabel[ticket.category]}</dd>
              <dt className="text-slate-600">Opened by</dt>
              <dd className="min-w-0 [overflow-wrap:anywhere]">{ticket.openedBy?.name ?? ticket.requester.name}</dd>
              <dt className="text-slate-600">Opened</dt>
              <dd>
                <Time value={ticket.createdAt} />
              </dd>
              <dt className="text-slate-600">Updated</dt>
              <dd>
                <Time value={ticket.updatedAt} />
              </dd>
              {ticket.resolvedAt && (
                <>
                  <dt className="text-slate-600">Resolved</dt>
                  <dd>
                    <Time value={ticket.resolvedAt} />
                  </dd>
                </>
              )}
            </dl>
          </Card>
          <LinkedObjects links={ticket.links} />
        </aside>
      </div>
    </>
  );
}

export function ClosedCallout({ ticket, focusOnMount = false }: { ticket: Ticket; focusOnMount?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // When a reply was refused because the ticket closed meanwhile, the reply box is gone: focus goes here.
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <div ref={ref} tabIndex={-1} role="status" className="flex items-start gap-3 rounded-lg border border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-800 outline-none focus-visible:ring-2 focus-visible:ring-brand-500" data-testid="closed-callout">
      <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-semibold">This ticket is closed.</p>
        <p className="mt-0.5">Closed tickets cannot take replies. Still need help with this? Open a new ticket referencing it; the team sees both together.</p>
        <Link
          href={followUpHref(ticket.id)}
          className="mt-2 inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Open a new ticket referencing {ticketNumber(ticket.number)}
        </Link>
      </div>
    </div>
  );
}

function ResolveButton({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const [asking, setAsking] = useState(false);
  const refresh = useRefreshSupport();
  const resolve = useMutation({
    mutationFn: () => apiFetch<Ticket>(ticketPath(ticket.id), { method: "PATCH", body: { status: "resolved" } }),
    meta: { success: `${ticketNumber(ticket.number)} marked resolved` },
    onSuccess: async () => {
      setAsking(false);
      await refresh();
      onDone();
    },
  });
  const closesOn = formatDay(new Date(useNow().getTime() + CLOSES_AFTER_MS));
  return (
    <>
      <Button variant="secondary" onClick={() => setAsking(true)}>
        <CheckCircle2 aria-hidden className="size-4" />
        Mark resolved
      </Button>
      <ConfirmDialog
        open={asking}
        title={`Mark ${ticketNumber(ticket.number)} resolved?`}
        confirmLabel="Mark resolved"
        busy={resolve.isPending}
        onConfirm={() => resolve.mutate()}
        onCancel={() => setAsking(false)}
      >
        Tell us the problem is solved. The ticket closes by itself on {closesOn}; until then, a reply reopens it.
      </ConfirmDialog>
    </>
  );
}

const ReplySchema = z.object({ body: CreateCommentInput.shape.body });
type Reply = z.infer<typeof ReplySchema>;

function ReplyBox({ ticket, onClosed }: { ticket: Ticket; onClosed: () => void }) {
  const refresh = useRefreshSupport();
  const form = useApiForm(ReplySchema, { defaultValues: { body: "" } });
  const [tab, setTab] = useState<EditorTab>("write");
  const reopens = ticket.status === "pending" || ticket.status === "resolved";
  const send = useMutation({
    mutationFn: (input: Reply) => apiFetch<TicketComment>(`${ticketPath(ticket.id)}/comments`, { body: input }),
    meta: { success: reopens ? "Reply sent; the ticket is open again" : "Reply sent", error: false },
    onSuccess: async (comment) => {
      form.reset({ body: "" });
      setTab("write");
      await refresh();
      // Focus moves to what was just sent, so a screen reader hears it arrived in the thread.
      focusMessage(comment.id);
    },
    onError: (err) => {
      if (isTicketClosed(err)) {
        onClosed();
        void refresh();
        return;
      }
      applyServerErrors(form, err);
    },
  });
  return (
    <section aria-labelledby="reply-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="reply-heading" className="text-sm font-semibold text-slate-900">
        Reply
      </h2>
      {reopens && (
        <p className="mt-1 text-sm text-slate-700" data-testid="reopen-hint">
          {ticket.status === "pending" ? "The team is waiting on your answer." : "This ticket is resolved."} Replying reopens it and the team picks it up again.
        </p>
      )}
      <Form form={form} onSubmit={(input) => send.mutate(input)} className="mt-3 grid gap-3" aria-label="Reply to the ticket">
        <FormMessageEditor label="Your reply" tab={tab} onTabChange={setTab} />
        <FormErrorState error={send.error} />
        <div className="flex justify-end">
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? "Sending…" : "Send reply"}
          </Button>
        </div>
      </Form>
    </section>
  );
}
