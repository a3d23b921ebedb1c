"use client";

import { AlertTriangle, CheckCircle2, Clock, Hourglass, Lock } from "lucide-react";
import { Time } from "@/components/ui/time";
import { formatDay, formatDue, requesterSla, staffSla, type SlaTicket } from "./format";
import { useNow } from "@/components/ui/clock";

// The ticket's clock in words. The requester reads when to expect a reply ("We'll reply by …"),
// that the ball is in their court, or when a resolved ticket closes; staff read the SLA itself:
// breached (red), due within the hour (amber), due later. Never colour alone: each state has its word.

/** "Dec 7, 2:30 PM UTC (in 3 hours)": the exact time to read, the relative one to feel. */
export function DueAt({ at }: { at: string }) {
  return (
    <>
      <span className="font-medium">{formatDue(at)}</span> <span className="text-slate-600">(<Time value={at} />)</span>
    </>
  );
}

export function RequesterSlaLine({ ticket }: { ticket: SlaTicket }) {
  const sla = requesterSla(ticket, useNow());
  const box = "flex items-start gap-2 rounded-md px-3 py-2 text-sm";
  switch (sla.kind) {
    case "due":
      return (
        <p data-testid="sla-line" data-sla="due" className={`${box} bg-brand-50 text-slate-800`}>
          <Clock aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-700" />
          <span>
            We&apos;ll reply by <DueAt at={sla.at} />.
          </span>
        </p>
      );
    case "late":
      return (
        <p data-testid="sla-line" data-sla="late" className={`${box} bg-amber-50 text-amber-900`}>
          <Clock aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>Our reply is taking longer than we promised (it was due {formatDue(sla.at)}). It is with the team and on its way.</span>
        </p>
      );
    case "with-us":
      return (
        <p data-testid="sla-line" data-sla="with-us" className={`${box} bg-brand-50 text-slate-800`}>
          <Clock aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-700" />
          <span>With the Portico team. We&apos;ll reply here.</span>
        </p>
      );
    case "waiting-on-you":
      return (
        <p data-testid="sla-line" data-sla="waiting" className={`${box} bg-amber-50 text-amber-900`}>
          <Hourglass aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            <span className="font-semibold">Waiting on you.</span> We replied and need your answer to go on; replying reopens the ticket.
          </span>
        </p>
      );
    case "resolved":
      return (
        <p data-testid="sla-line" data-sla="resolved" className={`${box} bg-emerald-50 text-emerald-900`}>
          <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            Resolved{sla.closesOn ? <> — closes automatically on {formatDay(sla.closesOn)}</> : null}. Not fixed after all? Reply below and it reopens.
          </span>
        </p>
      );
    case "closed":
      return (
        <p data-testid="sla-line" data-sla="closed" className={`${box} bg-slate-100 text-slate-800`}>
          <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>Closed{sla.at ? ` on ${formatDay(sla.at)}` : ""}.</span>
        </p>
      );
  }
}

/** The queue's due cell: "Breached", "Due within the hour" or the due time; the exact time under it. */
export function StaffDueCell({ ticket }: { ticket: SlaTicket }) {
  const sla = staffSla(ticket, useNow());
  switch (sla.kind) {
    case "breached":
      return (
        <span className="inline-flex flex-col text-red-700" data-sla="breached">
          <span className="inline-flex items-center gap-1 font-semibold">
            <AlertTriangle aria-hidden className="size-3.5" />
            Breached
          </span>
          {sla.at && (
            <span className="text-xs">
              was due <Time value={sla.at} />
            </span>
          )}
        </span>
      );
    case "due-soon":
      return (
        <span className="inline-flex flex-col text-amber-800" data-sla="due-soon">
          <span className="inline-flex items-center gap-1 font-semibold">
            <Clock aria-hidden className="size-3.5" />
            Due <Time value={sla.at} />
          </span>
          <span className="text-xs">{formatDue(sla.at)}</span>
        </span>
      );
    case "due":
      return (
        <span className="inline-flex flex-col" data-sla="due">
          <span>
            Due <Time value={sla.at} />
          </span>
          <span className="text-xs text-slate-600">{formatDue(sla.at)}</span>
        </span>
      );
    case "paused":
    case "none":
      return (
        <span className="inline-flex flex-col text-slate-600" data-sla={sla.kind}>
          <span>{sla.kind === "paused" ? "Waiting on requester" : "No reply owed"}</span>
          {sla.missed && <span className="text-xs text-red-700">Missed a target earlier</span>}
        </span>
      );
  }
}

/** The requester list's "when" cell, in the requester's words. */
export function RequesterDueCell({ ticket }: { ticket: SlaTicket }) {
  const sla = requesterSla(ticket, useNow());
  switch (sla.kind) {
    case "due":
      return (
        <span className="inline-flex flex-col">
          <span>
            We&apos;ll reply by <Time value={sla.at} />
          </span>
          <span className="text-xs text-slate-600">{formatDue(sla.at)}</span>
        </span>
      );
    case "late":
      return <span className="font-medium text-amber-800">Reply running late</span>;
    case "with-us":
      return <span>With the Portico team</span>;
    case "waiting-on-you":
      return <span className="font-semibold text-amber-800">Waiting on you</span>;
    case "resolved":
      return <span className="text-slate-700">Resolved{sla.closesOn ? `, closes ${formatDay(sla.closesOn)}` : ""}</span>;
    case "closed":
      return <span className="text-slate-600">Closed</span>;
  }
}
