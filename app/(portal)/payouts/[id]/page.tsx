import type { Metadata } from "next";
import { cache } from "react";
import { PayoutPage } from "@/components/billing/payout-page";
import { formatPeriod } from "@/components/billing/format";
import { getDb } from "@/db";
import { hasScope } from "@/lib/auth/scopes";
import { getPayout } from "@/lib/billing/payouts/get-payout";
import { orNotFound } from "../../../_server/or-not-found";
import { roleGate } from "../../../_server/page-gate";
import { getPartnerViewer } from "../../../_server/viewer";

// One of the partner's payouts with its month's statement; another partner's id (or no such
// payout) is the portal's 404, as the API answers.
const payoutFor = cache(async (id: string) => {
  const viewer = await getPartnerViewer();
  if (!viewer || !hasScope(viewer.principal.scopes, "read:billing")) return null; // the layout or the role gate answers
  return orNotFound(getPayout(await getDb(), viewer.principal, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const payout = await payoutFor((await params).id);
  return { title: payout ? `${formatPeriod(payout.period)} · Payouts` : "Payout" };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:billing");
  if (gate) return gate;
  const payout = await payoutFor(id);
  if (!payout) return null;
  return <PayoutPage payout={payout} />;
}
