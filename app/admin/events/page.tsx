import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Events" };

export default function Page() {
  return (
    <>
      <PageHeader title="Events" description="Publish platform events and inspect deliveries." />
      <NotBuiltYet what="Events" />
    </>
  );
}
