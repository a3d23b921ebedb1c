import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Webhooks" };

export default function Page() {
  return (
    <>
      <PageHeader title="Webhooks" description="Endpoints that receive signed platform events." />
      <NotBuiltYet what="Webhooks" />
    </>
  );
}
