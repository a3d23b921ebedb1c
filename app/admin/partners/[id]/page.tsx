import type { Metadata } from "next";
import { cache } from "react";
import { PartnerDetail } from "@/components/admin/partner-detail";
import { getDb } from "@/db";
import { getPartner } from "@/lib/partners/get-partner";
import { orNotFound } from "../../../_server/or-not-found";
import { requireViewer } from "../../../_server/viewer";

// Looked up once per request (metadata and page share it). An unknown or malformed id is the
// admin area's 404 page with HTTP 404, not an error panel after the client's fetch fails.
const partnerFor = cache(async (id: string) => {
  const viewer = await requireViewer();
  if (!viewer.principal.isPlatformAdmin) return null; // the admin layout answers "Admins only"
  return orNotFound(getPartner(await getDb(), viewer.principal, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const partner = await partnerFor(id);
  return { title: partner ? `${partner.name} · Partners` : "Partner" };
}

export default async function AdminPartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await partnerFor(id);
  return <PartnerDetail partnerId={id} />;
}
