import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "API keys" };

export default function Page() {
  return (
    <>
      <PageHeader title="API keys" description="Keys your servers use to call the Portico API." />
      <NotBuiltYet what="API keys" />
    </>
  );
}
