import { Plus } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { newTicketLinkClass, TicketsList } from "@/components/support/tickets-list";
import { PageHeader } from "@/components/ui/page-header";
import { supportGate } from "./support-gate";
import { requireViewer } from "../../_server/viewer";

export const metadata = { title: "Support" };

export default async function Page() {
  const viewer = await requireViewer();
  // Staff answer tickets in the admin area; they have none of their own.
  if (viewer.principal.isPlatformAdmin) redirect("/admin/tickets");
  const gate = supportGate(viewer);
  return (
    <>
      <PageHeader
        title="Support"
        description="Your conversations with the Portico team. Everyone in your organisation who can open tickets sees them."
        actions={
          gate ? undefined : (
            <Link href="/support/new" className={newTicketLinkClass}>
              <Plus aria-hidden className="size-4" />
              New ticket
            </Link>
          )
        }
      />
      {gate ?? <TicketsList />}
    </>
  );
}
