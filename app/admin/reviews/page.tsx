import { ReviewQueue } from "@/components/admin-reviews/review-queue";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Reviews queue" };

export default function Page() {
  return (
    <>
      <PageHeader title="Reviews queue" description="App submissions and new versions waiting for review, oldest first." />
      <ReviewQueue />
    </>
  );
}
