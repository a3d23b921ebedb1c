import Link from "next/link";
import { InvoicesTab } from "@/components/billing/admin/invoices-tab";
import { OverviewTab } from "@/components/billing/admin/overview-tab";
import { PayoutsTab } from "@/components/billing/admin/payouts-tab";
import { RunsTab } from "@/components/billing/admin/runs-tab";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Billing" };

// One page, four views kept in the URL (`?tab=runs`): the figures, the runs, the invoices and the
// payouts queue. Each view keeps its own filters in the URL beside the tab.

const tabs = [
  { tab: "overview", label: "Overview", description: "Platform revenue, the period's invoices by status, and who is overdue." },
  { tab: "runs", label: "Runs", description: "Start an invoice or payout run and follow it; every run, manual or scheduled." },
  { tab: "invoices", label: "Invoices", description: "Every partner's invoices: mark them paid or void them." },
  { tab: "payouts", label: "Payouts", description: "What the platform owes partners: mark payouts paid or failed." },
] as const;
type Tab = (typeof tabs)[number]["tab"];

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tab } = await searchParams;
  const current: Tab = tabs.find((t) => t.tab === tab)?.tab ?? "overview";
  return (
    <>
      <PageHeader
        title="Billing"
        description={tabs.find((t) => t.tab === current)!.description}
        actions={
          <Link
            href="/admin/billing/pricing"
            className="inline-flex items-center justify-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Pricing
          </Link>
        }
      />
      <nav aria-label="Billing views" className="mb-6 flex gap-4 overflow-x-auto border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.tab}
            href={t.tab === "overview" ? "/admin/billing" : `/admin/billing?tab=${t.tab}`}
            aria-current={current === t.tab ? "page" : undefined}
            className={`-mb-px shrink-0 border-b-2 px-1 pb-2 text-sm font-medium ${
              current === t.tab ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {current === "runs" ? <RunsTab /> : current === "invoices" ? <InvoicesTab /> : current === "payouts" ? <PayoutsTab /> : <OverviewTab />}
    </>
  );
}
