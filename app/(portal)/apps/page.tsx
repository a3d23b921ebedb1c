import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Apps" };

export default function Page() {
  return (
    <>
      <PageHeader title="Apps" description="Register apps, submit them for review and publish versions." />
      <NotBuiltYet what="Apps" />
    </>
  );
}
