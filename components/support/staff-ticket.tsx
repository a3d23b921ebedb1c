"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { AlertTriangle, Lock, MessageSquare } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { Segmented } from "@/components/ui/segmented";
import { ErrorState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { CreateCommentInput, type Ticket, type TicketComment } from "@/lib/support/schemas";
import { CLOSES_AFTER_MS, formatDay, replyDueAt, staffSla, statusLabel } from "./format";
import { LinkedObjects } from "./linked-objects";
import { FormMessageEditor, type EditorTab } from "./message-editor";
import { isTicketClosed, ticketKey, ticketPath, useRefreshSupport } from "./queries";
import { SatisfactionSummary } from "./satisfaction";
import { DueAt } from "./sla";
import { StaffControls } from "./staff-controls";
import { staffTicketHref } from "./staff-queue-columns";
import { TicketHeader } from "./ticket-header";
import { focusMessage, Thread } from "./thread";
import { useNow } from "@/components/ui/clock";

// A ticket as staff work it: the whole thread (internal notes included, drawn apart), a composer
// that writes a public reply or an internal note and sets the status the ticket is left in, and a
// sidebar with the requester, the controls, the SLA and the linked objects' live state.

export function StaffTicket({ initial, me }: { initial: Ticket; me: { id: string; name: string } }) {
  const query = useQuery({
    queryKey: ticketKey(initial.id),
    queryFn: () => apiFetch<Ticket>(ticketPath(initial.id)),
    initialData: initial,
    refetchInterval: 30_000,
  });
  const ticket = query.data;
  const closed = ticket.status === "closed";
  return (
    <>
      <TicketHeader ticket={ticket} followUpHref={staffTicketHref} />
      <StaffSlaBanner ticket={ticket} />
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-w-0 content-start gap-6">
          <Thread ticket={ticket} audience="staff" />
          {closed ? (
            <p role="status" className="flex items-start gap-2 rounded-lg border border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-800">
              <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
              This ticket is closed and never changes again. The requester can open a new ticket referencing it.
            </p>
          ) : (
            <Composer ticket={ticket} />
          )}
        </div>
        <aside aria-label="Ticket details" className="grid content-start gap-6">
          <Card title="Requester">
            <RequesterFacts ticket={ticket} />
          </Card>
          <Card title="Ticket">
            <StaffControls ticket={ticket} me={me} />
          </Card>
          <Card title="SLA">
            <SlaPanel ticket={ticket} />
          </Card>
          <LinkedObjects links={ticket.links} />
          {ticket.satisfaction && (
            <Card title="Satisfaction">
              <SatisfactionSummary satisfaction={ticket.satisfaction} />
            </Card>
          )}
        </aside>
      </div>
    </>
  );
}

/** The SLA in one line above the thread: what staff must act on first. */
function StaffSlaBanner({ ticket }: { ticket: Ticket }) {
  const sla = staffSla(ticket, useNow());
  const box = "mb-6 flex items-start gap-2 rounded-md px-3 py-2 text-sm";
  switch (sla.kind) {
    case "breached":
      return (
        <p className={`${box} bg-red-50 text-red-800`} data-testid="staff-sla" data-sla="breached">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            <span className="font-semibold">SLA breached.</span> {sla.at ? <>The reply was due {" "}<DueAt at={sla.at} />.</> : "A reply target was missed."}
          </span>
        </p>
      );
    case "due-soon":
    case "due":
      return (
        <p className={`${box} ${sla.kind === "due-soon" ? "bg-amber-50 text-amber-900" : "bg-slate-100 text-slate-800"}`} data-testid="staff-sla" data-sla={sla.kind}>
          <MessageSquare aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            {sla.kind === "due-soon" && <span className="font-semibold">Due within the hour. </span>}
            Reply due <DueAt at={sla.at} />.
          </span>
        </p>
      );
    case "paused":
      return (
        <p className={`${box} bg-slate-100 text-slate-800`} data-testid="staff-sla" data-sla="paused">
          Waiting on the requester: the SLA clock is paused until they reply.{sla.missed ? " A reply target was missed earlier." : ""}
        </p>
      );
    case "none":
      return (
        <p className={`${box} bg-slate-100 text-slate-800`} data-testid="staff-sla" data-sla="none">
          No reply owed ({statusLabel[ticket.status].toLowerCase()}).{sla.missed ? " A reply target was missed earlier." : ""}
        </p>
      );
  }
}

function RequesterFacts({ ticket }: { ticket: Ticket }) {
  const r = ticket.requester;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
      <dt className="text-slate-600">{r.type === "partner" ? "Partner" : "Customer"}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">
        {r.type === "partner" ? (
          <Link href={`/admin/partners/${r.id}`} className="font-medium text-brand-700 hover:underline">
            {r.name}
          </Link>
        ) : (
          <span className="font-medium">{r.name}</span>
        )}
      </dd>
      {r.tier && (
        <>
          <dt className="text-slate-600">Tier</dt>
          <dd>
            <Badge tone={r.tier === "enterprise" ? "blue" : "gray"}>{r.tier}</Badge>
            {r.tier === "enterprise" && <span className="block text-xs text-slate-600">SLA times halved</span>}
          </dd>
        </>
      )}
      <dt className="text-slate-600">Opened by</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{ticket.openedBy?.name ?? "—"}</dd>
      <dt className="text-slate-600">Opened</dt>
      <dd>
        <Time value={ticket.createdAt} />
      </dd>
    </dl>
  );
}

function SlaPanel({ ticket }: { ticket: Ticket }) {
  const now = useNow();
  const sla = staffSla(ticket, now);
  const due = replyDueAt(ticket);
  const firstLate = ticket.firstRepliedAt && ticket.firstReplyDueAt && new Date(ticket.firstRepliedAt) > new Date(ticket.firstReplyDueAt);
  return (
    <dl className="grid gap-3 text-sm" data-testid="sla-panel">
      <div>
        <dt className="text-xs font-medium text-slate-600">First reply</dt>
        <dd>
          {ticket.firstRepliedAt ? (
            <>
              Met <Time value={ticket.firstRepliedAt} />
              {firstLate && <span className="text-red-700"> (late)</span>}
            </>
          ) : ticket.firstReplyDueAt ? (
            <>
              Due <DueAt at={ticket.firstReplyDueAt} />
            </>
          ) : (
            "—"
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium text-slate-600">Next reply</dt>
        <dd data-testid="sla-next">
          {due ? (
            <>
              Due <DueAt at={due} />
            </>
          ) : ticket.status === "pending" || ticket.slaPaused ? (
            "Paused: waiting on the requester"
          ) : (
            "None owed"
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium text-slate-600">Breached</dt>
        <dd data-testid="sla-breached">
          {sla.kind === "breached" || ticket.slaBreached ? (
            <span className="inline-flex items-center gap-1 font-semibold text-red-700">
              <AlertTriangle aria-hidden className="size-3.5" />
              Yes
            </span>
          ) : (
            "No"
          )}
        </dd>
      </div>
      {ticket.status === "resolved" && ticket.resolvedAt && (
        <div>
          <dt className="text-xs font-medium text-slate-600">Closes</dt>
          <dd>{formatDay(new Date(new Date(ticket.resolvedAt).getTime() + CLOSES_AFTER_MS))}, unless the requester replies</dd>
        </div>
      )}
    </dl>
  );
}

type Mode = "public" | "internal";
const ComposerSchema = z.object({
  body: CreateCommentInput.shape.body,
  status: z.enum(["pending", "open", "resolved"]),
});
type ComposerValues = z.infer<typeof ComposerSchema>;

const afterReply: { value: ComposerValues["status"]; label: string }[] = [
  { value: "pending", label: "Pending — waiting on the requester" },
  { value: "open", label: "Open — we still owe a reply" },
  { value: "resolved", label: "Resolved" },
];

function Composer({ ticket }: { ticket: Ticket }) {
  const refresh = useRefreshSupport();
  const [mode, setMode] = useState<Mode>("public");
  const [tab, setTab] = useState<EditorTab>("write");
  const form = useApiForm(ComposerSchema, { defaultValues: { body: "", status: "pending" } });
  const internal = mode === "internal";
  const send = useMutation({
    mutationFn: (v: ComposerValues) =>
      apiFetch<TicketComment>(`${ticketPath(ticket.id)}/comments`, { body: internal ? { body: v.body, internal: true } : { body: v.body, internal: false, status: v.status } }),
    meta: { success: internal ? "Internal note added" : "Reply sent", error: false },
    onSuccess: async (comment) => {
      form.reset({ body: "", status: "pending" });
      setTab("write");
      await refresh();
      focusMessage(comment.id);
    },
    onError: (err) => {
      if (isTicketClosed(err)) void refresh();
      applyServerErrors(form, err);
    },
  });
  return (
    <section
      aria-labelledby="composer-heading"
      className={`rounded-lg border p-4 shadow-sm ${internal ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white"}`}
      data-mode={mode}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="composer-heading" className="text-sm font-semibold text-slate-900">
          {internal ? "Add an internal note" : `Reply to ${ticket.requester.name}`}
        </h2>
        <Segmented
          label="Kind of message"
          options={[
            { value: "public", label: "Public reply" },
            { value: "internal", label: "Internal note" },
          ]}
          value={mode}
          onChange={setMode}
        />
      </div>
      {internal ? (
        <p className="mt-2 inline-flex items-center gap-1.5 text-sm text-amber-900">
          <Lock aria-hidden className="size-4" />
          Only staff see internal notes. The requester is not told.
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-700">The requester sees this reply and is notified{ticket.status === "open" ? "; it meets the reply they are owed" : ""}.</p>
      )}
      <Form form={form} onSubmit={(v) => send.mutate(v)} className="mt-3 grid gap-3" aria-label={internal ? "Internal note" : "Public reply"}>
        <FormMessageEditor label={internal ? "Note" : "Reply"} tab={tab} onTabChange={setTab} />
        {!internal && (
          <FormField name="status" label="Status after reply">
            <Select {...form.register("status")} className="sm:max-w-xs">
              {afterReply.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </FormField>
        )}
        <FormErrorState error={send.error} />
        <div className="flex justify-end">
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? "Sending…" : internal ? "Add internal note" : "Send reply"}
          </Button>
        </div>
      </Form>
    </section>
  );
}
