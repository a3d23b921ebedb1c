import Link from "next/link";
import { PricingIndex } from "@/components/billing/admin/pricing-index";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Pricing · Billing" };

export default function Page() {
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/billing" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          ← Billing
        </Link>
      </p>
      <PageHeader title="Pricing" description="Each partner's pricing plan, and the default plan new partners start on." />
      <PricingIndex />
    </>
  );
}
