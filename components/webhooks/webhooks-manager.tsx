"use client";

import { Segmented } from "@/components/ui/segmented";
import { PartnerFeatureGate, type FeatureCopy } from "@/components/partners/partner-feature-gate";
import { DeliveriesPanel } from "./deliveries-panel";
import type { LogFilterState } from "./delivery-filters";
import { EndpointsPanel } from "./endpoints-panel";
import { ReplayPanel } from "./replay-panel";
import { VerifySignaturesCard } from "./verify-signatures-card";
import { useWebhooksView } from "./view-state";

type Props = {
  partnerId: string;
  partnerName: string;
  partnerStatus: string;
  partnerStatusReason: string | null;
  /** The viewer may see endpoints and deliveries (read:webhooks). */
  canRead: boolean;
  /** The viewer may add, change and test endpoints and retry deliveries (write:webhooks). */
  canWrite: boolean;
};

const tabs = [
  { value: "endpoints" as const, label: "Endpoints" },
  { value: "log" as const, label: "Delivery log" },
  { value: "replay" as const, label: "Replay" },
  { value: "verify" as const, label: "Verify signatures" },
];

const webhooksCopy: FeatureCopy = {
  name: "Webhooks",
  roleText: "does not include webhooks. Ask an owner, admin or developer to manage endpoints.",
  onApproval: "add endpoints here to receive signed platform events",
  whileSuspended: "No events are delivered",
};

const noFilters: LogFilterState = { status: "", endpointId: "", eventType: "", range: "24h" };

export function WebhooksManager({ partnerId, partnerName, partnerStatus, partnerStatusReason, canRead, canWrite }: Props) {
  const { tab, setTab, filters, setFilters } = useWebhooksView();

  return (
    <PartnerFeatureGate
      feature={webhooksCopy}
      partnerName={partnerName}
      partnerStatus={partnerStatus}
      partnerStatusReason={partnerStatusReason}
      canRead={canRead}
    >
    <div className="grid min-w-0 grid-cols-1 gap-4">
      <div>
        <Segmented label="Webhooks section" options={tabs} value={tab} onChange={setTab} />
      </div>
      {tab === "endpoints" && (
        <EndpointsPanel
          partnerId={partnerId}
          canWrite={canWrite}
          onTestSent={(endpointId) => {
            setFilters({ ...noFilters, endpointId, range: "1h" }, "log");
          }}
        />
      )}
      {tab === "log" && <DeliveriesPanel partnerId={partnerId} canWrite={canWrite} filters={filters} onFiltersChange={setFilters} />}
      {tab === "replay" && <ReplayPanel partnerId={partnerId} canWrite={canWrite} />}
      {tab === "verify" && <VerifySignaturesCard />}
    </div>
    </PartnerFeatureGate>
  );
}
