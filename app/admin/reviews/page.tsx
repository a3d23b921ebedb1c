import Link from "next/link";
import { ReportedReviews } from "@/components/admin-reviews/reported-reviews";
import { ReviewQueue } from "@/components/admin-reviews/review-queue";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Reviews queue" };

// Two queues under one heading: app submissions waiting for a reviewer, and marketplace reviews
// that users reported (`?tab=reported`).

const tabs = [
  { tab: "submissions", href: "/admin/reviews", label: "App submissions" },
  { tab: "reported", href: "/admin/reviews?tab=reported", label: "Reported reviews" },
] as const;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tab } = await searchParams;
  const current = tab === "reported" ? "reported" : "submissions";
  return (
    <>
      <PageHeader
        title="Reviews queue"
        description={
          current === "reported"
            ? "Marketplace reviews that users reported: hide them or dismiss the reports."
            : "App submissions and new versions waiting for review, oldest first."
        }
      />
      <nav aria-label="Queues" className="mb-6 flex gap-4 border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.tab}
            href={t.href}
            aria-current={current === t.tab ? "page" : undefined}
            className={`-mb-px border-b-2 px-1 pb-2 text-sm font-medium ${
              current === t.tab ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {current === "reported" ? <ReportedReviews /> : <ReviewQueue />}
    </>
  );
}
