import { redirect } from "next/navigation";
import { isTicketCategory, isTicketLinkType, linkTypesFor } from "@/components/support/format";
import { NewTicketForm, type FollowUp, type NewTicketPrefill } from "@/components/support/new-ticket-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { getTicket } from "@/lib/support/ticket-read";
import { supportGate } from "../support-gate";
import { requireViewer } from "../../../_server/viewer";

export const metadata = { title: "New ticket" };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** What the URL asks the form to start with; anything malformed (a hand-edited link) is left out rather than refused. */
function prefillFrom(params: Record<string, string | string[] | undefined>): NewTicketPrefill {
  const category = one(params.category);
  const [type, id] = (one(params.link) ?? "").split(":");
  return {
    category: category && isTicketCategory(category) ? category : null,
    link: type && id && isTicketLinkType(type) && uuid.test(id) ? { type, id: id.toLowerCase() } : null,
  };
}

/** The ticket ?followUp= names, read as the requester (another organisation's id reads as missing, as the API answers). */
async function followUpFrom(principal: Principal, raw: string | undefined): Promise<FollowUp> {
  if (!raw) return null;
  try {
    const ticket = await getTicket(await getDb(), principal, raw);
    return ticket.status === "closed" ? { ticket } : { openTicket: ticket };
  } catch (err) {
    if (err instanceof NotFound) return { missing: true };
    throw err;
  }
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (viewer.principal.isPlatformAdmin) redirect("/admin/tickets");
  const gate = supportGate(viewer, "write:support");
  const params = await searchParams;
  const prefill = prefillFrom(params);
  const followUp = gate ? null : await followUpFrom(viewer.principal, one(params.followUp));
  const partner = viewer.partner;
  return (
    <>
      <PageHeader title={followUp && "ticket" in followUp ? "Follow-up ticket" : "New ticket"} description="Tell the Portico team what you need. You can attach the objects it is about." />
      {gate ?? (
        <NewTicketForm
          requester={partner ? { kind: "partner", tier: partner.tier } : { kind: "customer", tier: null }}
          linkTypes={partner ? linkTypesFor({ kind: "partner", scopes: viewer.principal.scopes }) : linkTypesFor({ kind: "customer" })}
          prefill={prefill}
          followUp={followUp}
        />
      )}
    </>
  );
}
