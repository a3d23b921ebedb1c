import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { PricingEditor } from "@/components/billing/admin/pricing-editor";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getPartner } from "@/lib/partners/get-partner";
import { orNotFound } from "../../../../_server/or-not-found";
import { requireViewer } from "../../../../_server/viewer";

// `/admin/billing/pricing/default` edits the default plan for new partners; any other segment is a
// partner, looked up once per request (metadata and page share it): an unknown or malformed id is
// the admin area's 404 page. The form reads and writes the plan over the API, like every admin page.
const subjectFor = cache(async (partnerId: string): Promise<{ name: string } | null> => {
  if (partnerId === "default") return { name: "Default plan" };
  const viewer = await requireViewer();
  if (!viewer.principal.isPlatformAdmin) return null; // the admin layout answers "Admins only"
  return orNotFound(getPartner(await getDb(), viewer.principal, partnerId));
});

export async function generateMetadata({ params }: { params: Promise<{ partnerId: string }> }): Promise<Metadata> {
  const { partnerId } = await params;
  const subject = await subjectFor(partnerId);
  return { title: subject ? `${partnerId === "default" ? "Default plan" : subject.name} · Pricing` : "Pricing" };
}

export default async function Page({ params }: { params: Promise<{ partnerId: string }> }) {
  const { partnerId } = await params;
  const subject = await subjectFor(partnerId);
  if (!subject) return null;
  const isDefault = partnerId === "default";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/billing/pricing" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          ← Pricing
        </Link>
      </p>
      <PageHeader
        title={isDefault ? "Default plan" : `Pricing · ${subject.name}`}
        description={
          isDefault
            ? "The plan new partners start on."
            : "A new plan is added to the history from its effective date; periods are billed with the plans in force during them."
        }
      />
      <PricingEditor partnerId={partnerId} subject={isDefault ? "the default plan" : subject.name} />
    </>
  );
}
