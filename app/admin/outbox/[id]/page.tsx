import type { Metadata } from "next";
import { cache } from "react";
import { MessageDetail } from "@/components/mail/message-detail";
import { getDb } from "@/db";
import { getMailMessage } from "@/lib/mail/mail-messages";
import { orNotFound } from "../../../_server/or-not-found";
import { requireViewer } from "../../../_server/viewer";

// Looked up once per request (metadata and page share it). An unknown or malformed id is the
// admin area's 404 page with HTTP 404, not an error panel after the client's fetch fails.
const messageFor = cache(async (id: string) => {
  const viewer = await requireViewer();
  if (!viewer.principal.isPlatformAdmin) return null; // the admin layout answers "Admins only"
  return orNotFound(getMailMessage(await getDb(), viewer.principal, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const message = await messageFor((await params).id);
  return { title: message ? `${message.subject} · Outbox` : "Mail message" };
}

export default async function AdminOutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const message = await messageFor((await params).id);
  if (!message) return null;
  return <MessageDetail initial={message} />;
}
