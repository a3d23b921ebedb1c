import type { Metadata } from "next";
import { cache } from "react";
import { ticketNumber } from "@/components/support/format";
import { StaffTicket } from "@/components/support/staff-ticket";
import { getDb } from "@/db";
import { getTicket } from "@/lib/support/ticket-read";
import { orNotFound } from "../../../_server/or-not-found";
import { requireViewer } from "../../../_server/viewer";

// Looked up once per request (metadata and page share it): an unknown or malformed id is the admin
// area's 404 page with HTTP 404. The page keeps it current over the API.
const ticketFor = cache(async (id: string) => {
  const viewer = await requireViewer();
  if (!viewer.principal.isPlatformAdmin) return null; // the admin layout answers "Admins only"
  return orNotFound(getTicket(await getDb(), viewer.principal, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const ticket = await ticketFor((await params).id);
  return { title: ticket ? `${ticketNumber(ticket.number)} ${ticket.subject} · Tickets` : "Ticket" };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ticket = await ticketFor(id);
  if (!ticket) return null;
  const viewer = await requireViewer();
  return <StaffTicket initial={ticket} me={{ id: viewer.user.id, name: viewer.user.name }} />;
}
