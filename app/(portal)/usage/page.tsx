import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Usage" };

export default function Page() {
  return (
    <>
      <PageHeader title="Usage" description="API calls per day, per key, with error rates." />
      <NotBuiltYet what="Usage" />
    </>
  );
}
