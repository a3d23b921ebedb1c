import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "OAuth clients" };

export default function Page() {
  return (
    <>
      <PageHeader title="OAuth clients" description="OAuth 2.0 clients your apps use to act for customers." />
      <NotBuiltYet what="OAuth clients" />
    </>
  );
}
