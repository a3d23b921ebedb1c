import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/states";

/** What one partner feature (keys, webhooks, OAuth clients) says when it is closed to the viewer. */
export type FeatureCopy = {
  /** Plural noun used in titles: "API keys". */
  name: string;
  /** Completes "Your role in Acme …": "covers billing and support. Ask an owner, admin or developer to manage API keys." */
  roleText: string;
  /** Completes "As soon as you are approved you can …". */
  onApproval: string;
  /** What a suspension stops, completed by "until the suspension is lifted." */
  whileSuspended: string;
};

/** The title and text for a partner that is not active, or null when it is. */
export function inactivePartnerCopy(feature: FeatureCopy, status: string, partnerName: string, reason: string | null) {
  if (status === "active") return null;
  if (status === "pending") {
    return {
      title: `${feature.name} open once you're approved`,
      body: `The Portico team is reviewing ${partnerName}. As soon as you are approved you can ${feature.onApproval}.`,
    };
  }
  if (status === "suspended") {
    return {
      title: `${feature.name} are paused`,
      body: `${partnerName} is suspended${reason ? `: ${reason}` : "."} ${feature.whileSuspended} until the suspension is lifted. Contact support to resolve this.`,
    };
  }
  return { title: `${feature.name} are not available`, body: `${partnerName} is not an active partner.` };
}

export function NotInRole({ feature, partnerName }: { feature: FeatureCopy; partnerName: string }) {
  return (
    <EmptyState title={`${feature.name} are not part of your role`} level={2}>
      Your role in {partnerName} {feature.roleText}
    </EmptyState>
  );
}

/**
 * The empty states partner feature pages share: a role without access, a
 * partner awaiting approval or suspended. Renders the page otherwise.
 */
export function PartnerFeatureGate(props: {
  feature: FeatureCopy;
  partnerName: string;
  partnerStatus: string;
  partnerStatusReason: string | null;
  canRead: boolean;
  children: ReactNode;
}) {
  if (!props.canRead) return <NotInRole feature={props.feature} partnerName={props.partnerName} />;
  const closed = inactivePartnerCopy(props.feature, props.partnerStatus, props.partnerName, props.partnerStatusReason);
  if (closed)
    return (
      <EmptyState title={closed.title} level={2}>
        {closed.body}
      </EmptyState>
    );
  return <>{props.children}</>;
}
