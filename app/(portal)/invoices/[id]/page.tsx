import type { Metadata } from "next";
import { cache } from "react";
import { InvoicePage } from "@/components/billing/invoice-page";
import { getDb } from "@/db";
import { hasScope } from "@/lib/auth/scopes";
import { getInvoice } from "@/lib/billing/invoices/invoice-item";
import { orNotFound } from "../../../_server/or-not-found";
import { roleGate } from "../../../_server/page-gate";
import { getPartnerViewer } from "../../../_server/viewer";

// One of the partner's invoices, printable. Another partner's id (or no such invoice) is the
// portal's 404, as the API answers.
const invoiceFor = cache(async (id: string) => {
  const viewer = await getPartnerViewer();
  if (!viewer || !hasScope(viewer.principal.scopes, "read:billing")) return null; // the layout or the role gate answers
  return orNotFound(getInvoice(await getDb(), viewer.principal, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const invoice = await invoiceFor((await params).id);
  return { title: invoice ? `${invoice.number} · Invoices` : "Invoice" };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:billing");
  if (gate) return gate;
  const invoice = await invoiceFor(id);
  if (!invoice) return null;
  return <InvoicePage invoice={invoice} partnerName={viewer.partner.name} />;
}
