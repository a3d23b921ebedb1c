import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ticketNumber } from "@/components/support/format";
import { RequesterTicket } from "@/components/support/requester-ticket";
import { getDb } from "@/db";
import { getTicket } from "@/lib/support/ticket-read";
import { orNotFound } from "../../../_server/or-not-found";
import { getViewer, requireViewer } from "../../../_server/viewer";
import { supportGate } from "../support-gate";

// One of the requester's tickets. Another organisation's id (or no such ticket) is the area's
// 404, as the API answers; staff are sent to the same ticket in the admin area.
const ticketFor = cache(async (id: string) => {
  const viewer = await getViewer();
  if (!viewer || viewer.principal.isPlatformAdmin || supportGate(viewer)) return null; // the page redirects or gates
  return orNotFound(getTicket(await getDb(), viewer.principal, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const ticket = await ticketFor((await params).id);
  return { title: ticket ? `${ticketNumber(ticket.number)} ${ticket.subject} · Support` : "Ticket" };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer();
  if (viewer.principal.isPlatformAdmin) redirect(`/admin/tickets/${encodeURIComponent(id)}`);
  const gate = supportGate(viewer);
  if (gate) return gate;
  const ticket = await ticketFor(id);
  if (!ticket) return null;
  return <RequesterTicket initial={ticket} />;
}
