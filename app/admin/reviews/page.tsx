import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Reviews queue" };

export default function Page() {
  return (
    <>
      <PageHeader title="Reviews queue" description="App submissions waiting for review." />
      <NotBuiltYet what="Reviews queue" />
    </>
  );
}
