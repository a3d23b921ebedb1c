import { EventsAdmin } from "@/components/admin-events/events-admin";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Events" };

export default function AdminEventsPage() {
  return (
    <>
      <PageHeader title="Events" description="Publish platform events and inspect deliveries." />
      <EventsAdmin />
    </>
  );
}
