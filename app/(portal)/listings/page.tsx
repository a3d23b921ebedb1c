import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Listings" };

export default function Page() {
  return (
    <>
      <PageHeader title="Listings" description="Your apps' pages in the marketplace." />
      <NotBuiltYet what="Listings" />
    </>
  );
}
